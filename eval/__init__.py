"""Evaluation harness and the project's gold questions (``hoidap eval``)."""
