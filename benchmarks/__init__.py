"""Measurement scripts, each run from the project folder as ``python -m benchmarks.NAME``; the
figures go to docs/BENCHMARKS.md."""
