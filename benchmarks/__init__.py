"""Benchmarks: synthetic journals and side-by-side measurements against a minimal Textual app."""
