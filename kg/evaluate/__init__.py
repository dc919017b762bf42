"""Evaluation of extracted facts against annotated benchmarks."""
