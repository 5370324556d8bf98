"""Running a pipeline step: log to the rule's log file, turn bad input into a clear message
on the terminal (never a bare traceback) and a non-zero exit, and let the job's process end
at once when the step is over."""

import logging
import sys
from contextlib import contextmanager

from policybrief.core.errors import InputError, disk_full_message
from policybrief.core.process_exit import skip_final_collection

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
    except OSError as error:
        # A full disk is the machine's state, not a bug: say so, and what to do.
        message = disk_full_message(error)
        if message is None:
            raise
        log.error("ERROR: %s", message)
        sys.exit(1)
    finally:
        for handler in handlers:
            handler.flush()
        skip_final_collection()
