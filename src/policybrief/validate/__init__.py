"""Validation of the processed tables (rules validate, validation_gate) with Great Expectations.

suites.py reads the reviewable suite files (the engine's workflow/expectations/<stage>/*.yaml), frames.py
prepares each table as a DataFrame, runner.py runs Great Expectations (imported only there),
and report.py turns results into results.json and messages a user can act on.
"""
