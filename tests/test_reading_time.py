"""An article's reading time, in its byline (newsroom/reading_time.py): its words at 265 a minute,
a few seconds for each image, rounded up to whole minutes."""

from __future__ import annotations

import pytest
from material.plugins.blog.readtime import readtime

from newsroom.reading_time import WORDS_PER_MINUTE, reading_minutes


def paragraph(words: int) -> str:
    return f"<p>{' '.join(['word'] * words)}</p>"


@pytest.mark.parametrize(("words", "minutes"), [(1, 1), (WORDS_PER_MINUTE, 1), (WORDS_PER_MINUTE + 1, 2), (900, 4)])
def test_reading_time_is_the_words_at_265_a_minute_rounded_up(words: int, minutes: int) -> None:
    assert reading_minutes(paragraph(words)) == minutes


def test_each_image_adds_seconds_the_first_most() -> None:
    # 250 words take 57 seconds; a first image adds 12, a second 11.
    assert reading_minutes(paragraph(250)) == 1
    assert reading_minutes(paragraph(250) + '<img src="a.png" alt="">') == 2
    assert reading_minutes(paragraph(150) + '<img src="a.png" alt="">' * 2) == 1  # 34 + 12 + 11 seconds
    assert reading_minutes(paragraph(200) + '<img src="a.png" alt="">' * 2) == 2  # 46 + 12 + 11 seconds


def test_text_no_reader_reads_is_not_counted() -> None:
    hidden = "<svg><title>" + " ".join(["icon"] * 1000) + "</title></svg><style>p { color: red }</style>"
    assert reading_minutes(paragraph(100) + hidden) == 1


@pytest.mark.parametrize("html", [paragraph(900), paragraph(530) + '<p>A <a href="https://example.org/">link</a>, “quoted” – and '
                                  'the year’s end.</p><img src="a.png" alt="">' * 3, "<h2>Sources</h2><ul><li>One</li></ul>"])
def test_reading_time_follows_the_rule_of_materials_blog_plugin(html: str) -> None:
    assert reading_minutes(html) == readtime(html, WORDS_PER_MINUTE)
