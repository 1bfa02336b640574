"""The test suite, and tests/support/, what the tests, `make check`, `make linkcheck` and the
benchmarks share: building a copy of the site, reading its pages, a browser, the checks."""
