"""`make bench` and `make screenshots`: the site measured in a real browser and at scale.

bench.py runs everything and writes RESULTS.md and scaling.png; lighthouse.py, scaling.py and
report.py are its parts; screenshots.py takes the pages' pictures. They import the test helpers
(tests/support), so run them with PYTHONPATH=tests, as the Makefile does.
"""
