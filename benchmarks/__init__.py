"""`make bench` and `make screenshots`: the site measured in a real browser and at scale.

bench.py runs everything and writes RESULTS.md and scaling.png; lighthouse.py, scaling.py and
report.py are its parts; screenshots.py takes the pages' pictures. They share the site checks,
the browser and the article generator with the tests through the newsroom package, not the tests.
"""
