"""Helpers shared by the tests: building the site and reading what readers get."""
