"""Benchmark harness: corpus generator, in-process query counter, wrk runner,
Lighthouse runner and the report writer (``make bench``)."""
