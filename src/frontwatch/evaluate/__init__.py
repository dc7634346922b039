"""Scorers for the gold sets in ../shared/eval: one module per task, each with a baseline in the same run."""
