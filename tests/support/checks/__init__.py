"""Checks of a built site that the tests and the benchmarks share: links, spelling, page weight."""
