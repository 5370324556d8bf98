"""Running a pipeline step: log to the rule's log file, turn bad input into a clear message
(never a bare traceback) and a non-zero exit, and let the job's process end at once when the
step is over.

A step that fails says why once: in its log file, and in its note (policybrief.core.failures),
which the workflow prints in one block as the last thing on the terminal when the build ends.
So what a step logs at ERROR goes to its log file, not to the terminal as it happens; the
step's progress lines go to both."""

import logging
import sys
from contextlib import contextmanager

from policybrief.core.errors import InputError, disk_full_message
from policybrief.core.failures import forget_failure, record_failure
from policybrief.core.process_exit import skip_final_collection

log = logging.getLogger("policybrief")


class _Held(logging.Handler):
    """Keeps what the step logs at ERROR, for its note (or for the terminal if it succeeds)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def _below_error(record: logging.LogRecord) -> bool:
    return record.levelno < logging.ERROR


def _unexpected(name: str, error: BaseException) -> str:
    said = (str(error).strip().splitlines() or [""])[0]
    said = said if len(said) <= 300 else said[:299] + "…"
    return (f"The step '{name}' failed unexpectedly: {type(error).__name__}" + (f": {said}" if said else "")
            + "\n  This is not a mistake in your input."
            + "\n  What to do: report it, with the step's full log (it holds the traceback).")


@contextmanager
def pipeline_step(log_path: str | None, name: str):
    # Only our logger speaks: libraries (Great Expectations above all) stay at WARNING.
    formatter = logging.Formatter(f"[{name}] %(message)s")
    terminal = logging.StreamHandler(sys.stderr)
    terminal.addFilter(_below_error)
    held = _Held()
    handlers = [terminal, held]
    if log_path:
        handlers.append(logging.FileHandler(log_path, mode="w", encoding="utf-8"))
    log.handlers.clear()
    for handler in handlers:
        handler.setFormatter(formatter)
        log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    forget_failure(log_path, name)

    def fail(message: str):
        """Say why the step stopped, in its log and its note (or, failing a note, on the terminal)."""
        log.error("ERROR: %s", message)
        if not record_failure(log_path, name, message):
            print(f"[{name}] ERROR: {message}", file=sys.stderr)
        sys.exit(1)

    try:
        yield log
    except InputError as error:
        fail(str(error))
    except SystemExit as stop:
        # A step that logged its errors and exits (the validation gate): they are its note.
        said = "\n".join(record.getMessage() for record in held.records)
        if stop.code not in (None, 0) and said:
            if not record_failure(log_path, name, said):
                for record in held.records:
                    print(formatter.format(record), file=sys.stderr)
        raise
    except Exception as error:
        # A full disk is the machine's state, not a bug: say so, and what to do.
        message = disk_full_message(error) if isinstance(error, OSError) else None
        if message is not None:
            fail(message)
        record_failure(log_path, name, _unexpected(name, error))
        log.exception("ERROR: the step failed unexpectedly")
        raise
    else:
        # A step that logged an error and went on: nothing is held back from the terminal.
        for record in held.records:
            print(formatter.format(record), file=sys.stderr)
    finally:
        for handler in handlers:
            handler.flush()
        skip_final_collection()
