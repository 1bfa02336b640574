"""RESULTS.md and scaling.png from the measured figures: tables, targets met or not, one chart."""

from __future__ import annotations

import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .lighthouse import CATEGORIES, PRESETS, Measure
from tests.support.checks.weight import REPEAT_VIEW_BYTES_BUDGET, SEARCH_FIRST_QUERY_BYTES_BUDGET

from .scaling import ScalePoint

# Reader targets: mobile Lighthouse 100 in every category with LCP at most 1 s.
TARGET_SCORE = 100
TARGET_LCP_MS = 1000
# Archive targets, at TARGET_ARTICLES on 2 cores: the first build (every card drawn) and every
# site check; the build after one more article; time per article at most LINEAR_SLACK times that
# at the smallest count (the least of the rounds at each); peak memory; the site, its article and
# list pages, and a second page opened with a warm cache (tests/support/checks/weight.py holds that
# budget).
TARGET_ARTICLES = 10_000
TARGET_FIRST_SECONDS = 240.0
TARGET_NEXT_SECONDS = 180.0
# `make check` of an editor's change of one article (tests/support/change.py).
TARGET_MAKE_CHECK_SECONDS = 10.0
LINEAR_SLACK = 1.15
TARGET_PEAK_MEMORY_BYTES = 2 * 1024**3
TARGET_SITE_BYTES = 500_000_000
TARGET_PAGE_BYTES = 35 * 1024
CATEGORY_TITLES = {"performance": "Perf.", "accessibility": "A11y", "best-practices": "Best pr.", "seo": "SEO"}


@dataclass(frozen=True)
class Machine:
    """Where the figures were taken."""

    date: str
    cpus: int
    cpu_model: str
    load_average: str
    python: str
    chromium: str
    node: str
    lighthouse: str


def kilobytes(count: float) -> str:
    return f"{count / 1000:,.1f} kB"


def met(condition: bool) -> str:
    return "**met**" if condition else "**not met**"


def lighthouse_table(medians: dict[tuple[str, str], Measure]) -> list[str]:
    header = ["Page", "Preset", *(CATEGORY_TITLES[name] for name in CATEGORIES), "LCP", "TBT", "CLS", "Transfer", "Requests"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for (page, preset), measure in sorted(medians.items(), key=lambda item: (item[0][0], PRESETS.index(item[0][1]))):
        scores = [f"{measure.scores[name]:g}" for name in CATEGORIES]
        lines.append(f"| {page} | {preset} | " + " | ".join(scores) + f" | {measure.lcp_ms / 1000:.2f} s | "
                     f"{measure.tbt_ms:.0f} ms | {measure.cls:.3f} | {kilobytes(measure.transfer_bytes)} | {measure.requests:g} |")
    return lines


def lighthouse_targets(medians: dict[tuple[str, str], Measure]) -> list[str]:
    lines = []
    for (page, preset), measure in sorted(medians.items()):
        if preset != "mobile":
            continue
        below = [f"{name} {measure.scores[name]:g}" for name in CATEGORIES if measure.scores[name] < TARGET_SCORE]
        lines.append(f"- {page}, mobile: {TARGET_SCORE} in all four categories {met(not below)}"
                     + (f" ({', '.join(below)})" if below else "")
                     + f"; LCP ≤ {TARGET_LCP_MS / 1000:.1f} s {met(measure.lcp_ms <= TARGET_LCP_MS)} ({measure.lcp_ms / 1000:.2f} s)")
    return lines


def losing_audits(medians: dict[tuple[str, str], Measure]) -> list[str]:
    return [f"- {page}, {preset}: {', '.join(measure.losing_audits) or 'none'}"
            for (page, preset), measure in sorted(medians.items())]


def scale_table(points: list[ScalePoint]) -> list[str]:
    lines = ["| Articles | Words per article | First build | Next build | Checks | Next build + checks | `make check` after one edit | "
             "CPU time | CPU per article | First search (gzip) | Second search (gzip) | Article page (gzip) | Requests | "
             "Article after the home page, cache warm |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for point in points:
        lines.append(f"| {point.articles:,} | {point.words_per_article:.0f} | {point.first_build_seconds:.1f} s | {point.build_seconds:.1f} s | "
                     f"{point.check_seconds:.1f} s | {point.total_seconds:.1f} s | {point.make_check_seconds:.1f} s | "
                     f"{point.total_cpu_seconds:.1f} s | "
                     f"{1000 * point.total_cpu_seconds / point.articles:.0f} ms | {kilobytes(point.search_first_query_bytes)} | "
                     f"{kilobytes(point.search_second_query_bytes)} | {kilobytes(point.article_page.transfer_bytes)} | "
                     f"{point.article_page.requests} | {kilobytes(point.article_repeat_view.transfer_bytes)} in "
                     f"{point.article_repeat_view.requests} request{'' if point.article_repeat_view.requests == 1 else 's'} |")
    return lines


def checks_table(points: list[ScalePoint]) -> list[str]:
    names = list(points[0].checks)
    lines = ["| Articles | " + " | ".join(names) + " | Wall (incl. start-up) |", "|---:|" + "---:|" * (len(names) + 1)]
    for point in points:
        lines.append(f"| {point.articles:,} | " + " | ".join(f"{point.checks[name]:.2f} s" for name in names)
                     + f" | {point.check_seconds:.2f} s |")
    return lines


def growth(points: list[ScalePoint]) -> list[str]:
    """How CPU time per article grows from the smallest count to each other, in each round of
    interleaved rebuilds."""
    smallest = points[0]
    return [f"{smallest.articles:,} → {point.articles:,} articles: CPU time per article "
            + ", ".join(f"×{ratio:.2f}" for ratio in per_article_ratios(smallest, point))
            for point in points[1:]]


def per_article_ratios(smaller: ScalePoint, larger: ScalePoint) -> list[float]:
    """Each round's CPU time per article at the larger count over that at the smaller."""
    return [(large / larger.articles) / (small / smaller.articles)
            for small, large in zip(smaller.rebuild_cpu_seconds, larger.rebuild_cpu_seconds, strict=True)]


def size_table(points: list[ScalePoint]) -> list[str]:
    names = list(points[0].site_bytes)
    lines = ["| Articles | Site | Per article | " + " | ".join(name.capitalize() for name in names)
             + " | Largest article page | Largest list page | Peak memory |",
             "|---:|" + "---:|" * (len(names) + 5)]
    for point in points:
        lines.append(f"| {point.articles:,} | {point.total_site_bytes / 1e6:,.1f} MB | "
                     f"{kilobytes(point.total_site_bytes / point.articles)} | "
                     + " | ".join(f"{point.site_bytes[name] / 1e6:,.1f} MB" for name in names)
                     + f" | {point.largest_article_page_bytes / 1024:.1f} KB | {point.largest_list_page_bytes / 1024:.1f} KB | "
                     f"{point.peak_memory_bytes / 1024**2:,.0f} MB |")
    return lines


def scale_targets(points: list[ScalePoint]) -> list[str]:
    at = next((point for point in points if point.articles == TARGET_ARTICLES), None)
    if at is None:
        return [f"- not measured at {TARGET_ARTICLES:,} articles, where the archive's targets are set",
                *_growth_target(points, points[-1])]
    limit = TARGET_PAGE_BYTES / 1024
    lines = [
        f"- first build and every check ≤ {TARGET_FIRST_SECONDS:g} s {met(at.first_total_seconds <= TARGET_FIRST_SECONDS)} "
        f"({at.first_total_seconds:.1f} s: build {at.first_build_seconds:.1f} s, checks {at.check_seconds:.1f} s)",
        f"- a build after adding one article ≤ {TARGET_NEXT_SECONDS:g} s {met(at.build_seconds <= TARGET_NEXT_SECONDS)} "
        f"({at.build_seconds:.1f} s)",
        f"- `make check` after one edit ≤ {TARGET_MAKE_CHECK_SECONDS:g} s {met(at.make_check_seconds <= TARGET_MAKE_CHECK_SECONDS)} "
        f"({at.make_check_seconds:.1f} s)",
        f"- peak memory ≤ {TARGET_PEAK_MEMORY_BYTES / 1024**3:g} GB {met(at.peak_memory_bytes <= TARGET_PEAK_MEMORY_BYTES)} "
        f"({at.peak_memory_bytes / 1024**2:,.0f} MB)",
        f"- the site ≤ {TARGET_SITE_BYTES / 1e6:g} MB {met(at.total_site_bytes <= TARGET_SITE_BYTES)} "
        f"({at.total_site_bytes / 1e6:,.1f} MB)",
        f"- the largest article page ≤ {limit:g} KB {met(at.largest_article_page_bytes <= TARGET_PAGE_BYTES)} "
        f"({at.largest_article_page_bytes / 1024:.1f} KB); the largest list page ≤ {limit:g} KB "
        f"{met(at.largest_list_page_bytes <= TARGET_PAGE_BYTES)} ({at.largest_list_page_bytes / 1024:.1f} KB)",
        f"- the article after the home page, cache warm, ≤ {REPEAT_VIEW_BYTES_BUDGET / 1024:g} KB "
        f"{met(at.article_repeat_view.transfer_bytes <= REPEAT_VIEW_BYTES_BUDGET)} "
        f"({at.article_repeat_view.transfer_bytes / 1024:.1f} KB)",
        f"- a first search ≤ {SEARCH_FIRST_QUERY_BYTES_BUDGET / 1024:g} KB, its code included "
        f"{met(at.search_first_query_bytes <= SEARCH_FIRST_QUERY_BYTES_BUDGET)} "
        f"({at.search_first_query_bytes / 1024:.1f} KB; the second {at.search_second_query_bytes / 1024:.1f} KB)",
    ]
    return lines + _growth_target(points, at)


def least_cpu_ratio(smaller: ScalePoint, larger: ScalePoint) -> float:
    """CPU time per article at the larger count over that at the smaller, each the least of its
    rounds. Other work on a shared machine only ever adds time to a build, so the least is the
    build's own cost, and one round slowed by a neighbour does not decide the comparison."""
    return (min(larger.rebuild_cpu_seconds) / larger.articles) / (min(smaller.rebuild_cpu_seconds) / smaller.articles)


def _growth_target(points: list[ScalePoint], largest: ScalePoint) -> list[str]:
    """Time per article at the largest count against the smallest, the least of the interleaved
    rounds at each, with every round's own ratio beside it."""
    if len(points) < 2 or not largest.rebuild_cpu_seconds:
        return []
    ratio = least_cpu_ratio(points[0], largest)
    return [f"- time per article at {largest.articles:,} articles at most ×{LINEAR_SLACK:g} that at {points[0].articles:,}, "
            f"the least CPU time of {len(largest.rebuild_cpu_seconds)} rounds at each, every article rendered again "
            f"{met(ratio <= LINEAR_SLACK)} "
            f"(×{ratio:.2f}); each round: " + "; ".join(growth(points))]


def results_markdown(machine: Machine, medians: dict[tuple[str, str], Measure], points: list[ScalePoint],
                     chart_name: str = "scaling.png") -> str:
    """The whole of RESULTS.md."""
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` ({Path(__file__).parent.name}/bench.py) on {machine.date}; run it again to "
        "reproduce this file and the chart. Figures vary from run to run and with the machine's load.",
        "",
        f"Machine: {machine.cpus} cores ({machine.cpu_model}), load average (1 / 5 / 15 min) {machine.load_average}; "
        f"Python {machine.python}; {machine.chromium}; Node {machine.node}; Lighthouse {machine.lighthouse}.",
        "",
        "## Lighthouse",
        "",
        "The production build served gzip-compressed, as GitHub Pages serves it; median of "
        "each figure over the runs. Mobile is Lighthouse's default (simulated slow 4G and a 4× slower CPU); "
        "desktop is its desktop preset. Transfer is bytes on the wire, requests the page's whole load.",
        "",
        *lighthouse_table(medians),
        "",
        "Audits that cost points in any run:",
        "",
        *losing_audits(medians),
        "",
        "Targets:",
        "",
        *lighthouse_targets(medians),
        "",
        "## Scale: " + ", ".join(f"{point.articles:,}" for point in points[:-1]) + f" and {points[-1].articles:,} articles",
        "",
        "A copy of the project with that many generated articles (tests/support/synthetic.py, fixed seed; the "
        "real article stays), built as `make build` does: the first build draws every article's social card. "
        "Then one more article is added and the site built again, as an editor's next build or `make check` "
        "does: the cards and rendered bodies of unchanged articles are cached by the first build "
        "(newsroom/cache.py), so only the new article's card is "
        "drawn and its Markdown rendered. That build is then checked with the suite's site checks in a fresh "
        "process: front matter, internal links and external link form (every page read, and each of its links "
        "resolved, once for both), spelling of every page (en_GB, and codespell, which reads each distinct word of "
        "the articles and pages once, and then whole only a file holding a word it flags), the three at once (links, en_GB spelling and codespell each in a "
        "process of its own, on two cores). Times are wall-clock unless marked CPU "
        "time, the user and system time of the next build's and the checks' processes, which other work on "
        "the machine barely moves. The article page is the real article, loaded in Chromium from the gzip "
        "server until the network is idle and weighed as the budget test weighs it: gzip-compressed response "
        "bodies, every request counted.",
        "",
        *scale_table(points),
        "",
        "The built site by kind of file (newsroom/pages_size.py), and the builds' peak memory (every process of a "
        "build together: MkDocs and its card workers, then Pagefind, once MkDocs has exited):",
        "",
        *size_table(points),
        "",
        "Each check's own time:",
        "",
        *checks_table(points),
        "",
        "Targets:",
        "",
        *scale_targets(points),
        "",
        f"![Build and check time, and the site's size, against article count]({chart_name})",
        "",
    ]
    return "\n".join(lines)


# The chart -----------------------------------------------------------------------------------
WIDTH, HEIGHT = 1200, 520
PANEL_MARGIN = (90, 60, 30, 110)  # left, top, right, bottom
COLOURS = ["#1f4e9c", "#c2410c", "#15803d", "#7c3aed"]
GRID = "#d9d9d9"
INK = "#222222"


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Source Sans Pro from its pinned package (requirements.txt), as the social cards use."""
    name = "SourceSansPro-Bold.ttf" if bold else "SourceSansPro-Regular.ttf"
    with (resources.files("font_source_sans_pro") / "files" / name).open("rb") as data:
        return ImageFont.truetype(data, size)


def _log_ticks(low: float, high: float) -> list[float]:
    """1, 2 and 5 times each power of ten between low and high."""
    ticks = []
    for exponent in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        ticks.extend(step * 10 ** exponent for step in (1, 2, 5) if low <= step * 10 ** exponent <= high)
    return ticks


def _vertical_text(image: Image.Image, centre: tuple[float, float], text: str, font: ImageFont.FreeTypeFont) -> None:
    """Text turned a quarter left, centred on `centre`: an axis title beside the tick labels."""
    left, top, right, bottom = font.getbbox(text)
    label = Image.new("L", (right - left + 4, bottom - top + 4), 0)
    ImageDraw.Draw(label).text((2 - left, 2 - top), text, font=font, fill=255)
    label = label.rotate(90, expand=True)
    corner = (int(centre[0] - label.width / 2), int(centre[1] - label.height / 2))
    image.paste(Image.new("RGB", label.size, INK), corner, label)


def _panel(image: Image.Image, box: tuple[int, int, int, int], title: str, unit: str,
           xs: list[float], series: dict[str, list[float]], target: tuple[str, float] | None = None) -> None:
    """One log-log panel: a line with points per series, optionally a dashed target line."""
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = box
    values = [value for line in series.values() for value in line] + ([target[1]] if target else [])
    y_low, y_high = 10 ** math.floor(math.log10(min(values))), 10 ** math.ceil(math.log10(max(values)))
    x_low, x_high = min(xs) / 1.5, max(xs) * 1.5

    def at(x: float, y: float) -> tuple[float, float]:
        fx = (math.log10(x) - math.log10(x_low)) / (math.log10(x_high) - math.log10(x_low))
        fy = (math.log10(y) - math.log10(y_low)) / (math.log10(y_high) - math.log10(y_low))
        return left + fx * (right - left), bottom - fy * (bottom - top)

    small, label = _font(15), _font(17)
    for tick in _log_ticks(y_low, y_high):
        _, y = at(x_low, tick)
        draw.line([(left, y), (right, y)], fill=GRID)
        draw.text((left - 8, y), f"{tick:,g}", font=small, fill=INK, anchor="rm")
    for x in xs:
        px, _ = at(x, y_low)
        draw.line([(px, top), (px, bottom)], fill=GRID)
        draw.text((px, bottom + 8), f"{x:,.0f}", font=small, fill=INK, anchor="mt")
    draw.rectangle([left, top, right, bottom], outline=INK)
    draw.text(((left + right) / 2, top - 30), title, font=_font(20, bold=True), fill=INK, anchor="mm")
    draw.text(((left + right) / 2, bottom + 34), "articles (log scale)", font=label, fill=INK, anchor="mt")
    _vertical_text(image, (left - 66, (top + bottom) / 2), unit, label)
    if target:
        _, y = at(x_low, target[1])
        for x in range(int(left), int(right), 14):
            draw.line([(x, y), (min(x + 7, right), y)], fill="#b91c1c", width=2)
        draw.text((right - 6, y - 4), target[0], font=small, fill="#b91c1c", anchor="rb")
    for index, (name, ys) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        points = [at(x, y) for x, y in zip(xs, ys)]
        draw.line(points, fill=colour, width=3)
        for px, py in points:
            draw.ellipse([px - 5, py - 5, px + 5, py + 5], fill=colour)
        legend_y = bottom + 62 + 22 * (index // 2)
        legend_x = left + (index % 2) * (right - left) / 2
        draw.line([(legend_x, legend_y), (legend_x + 24, legend_y)], fill=colour, width=3)
        draw.text((legend_x + 32, legend_y), name, font=small, fill=INK, anchor="lm")


def draw_chart(points: list[ScalePoint], path: Path) -> None:
    """scaling.png: time (builds and checks) and the site's size against articles."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    xs = [float(point.articles) for point in points]
    left, top, right, bottom = PANEL_MARGIN
    half = WIDTH // 2
    _panel(image, (left, top, half - right, HEIGHT - bottom), "Time against articles", "seconds", xs, {
        "first build (every card drawn)": [point.first_build_seconds for point in points],
        "next build": [point.build_seconds for point in points],
        "checks": [point.check_seconds for point in points],
        "first build + checks": [point.first_total_seconds for point in points],
    }, target=(f"target {TARGET_FIRST_SECONDS:g} s at {TARGET_ARTICLES:,}", TARGET_FIRST_SECONDS))
    _panel(image, (half + left, top, WIDTH - right, HEIGHT - bottom), "Site size against articles", "MB", xs, {
        "whole site": [point.total_site_bytes / 1e6 for point in points],
        **{name: [point.site_bytes[name] / 1e6 for point in points] for name in ("article pages", "social cards", "list pages")},
    }, target=(f"target {TARGET_SITE_BYTES / 1e6:g} MB at {TARGET_ARTICLES:,}", TARGET_SITE_BYTES / 1e6))
    image.save(path, optimize=True)
