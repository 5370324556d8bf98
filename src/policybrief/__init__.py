"""policybrief: the library behind the brief pipeline.

Each module holds one idea; the Snakemake scripts under ``workflow/scripts/`` only read inputs, call
these functions and write outputs. Modules import nothing heavy at import time except where
their whole purpose is that library (validation imports Great Expectations lazily).
"""
