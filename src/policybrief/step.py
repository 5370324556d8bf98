"""Running a pipeline step: log to the rule's log file, and turn bad input into a clear
message on the terminal (never a bare traceback) and a non-zero exit."""

import logging
import sys
from contextlib import contextmanager

from .errors import InputError

log = logging.getLogger("policybrief")


@contextmanager
def pipeline_step(log_path: str | None, name: str):
    # Only our logger speaks: libraries (Great Expectations above all) stay at WARNING.
    formatter = logging.Formatter(f"[{name}] %(message)s")
    handlers = [logging.StreamHandler(sys.stderr)]
    if log_path:
        handlers.append(logging.FileHandler(log_path, mode="w", encoding="utf-8"))
    log.handlers.clear()
    for handler in handlers:
        handler.setFormatter(formatter)
        log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        yield log
    except InputError as error:
        log.error("ERROR: %s", error)
        sys.exit(1)
