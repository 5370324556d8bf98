"""Letting a finished process exit at once: Snakemake itself and every job.

- Snakemake 9's scheduler limits how many jobs start per second (--max-jobs-per-timespan,
  100/1s by default) and, each time it waits, arms a one-second threading.Timer to look
  again. The timer is not a daemon thread, so the last one armed holds the finished process
  for up to a second: about 1 s of every build that runs a job. Once the workflow has ended
  nothing is left to schedule, and the pending timers can be cancelled.
- At exit, Python's last garbage collections walk every object that the imports made:
  0.3 s for Snakemake after a no-op, 0.8 s for a job that imported Great Expectations
  (measured on the 2-core machine, benchmarks/speed.py). A finished process has nothing
  left that the operating system does not free anyway, so those objects are frozen out of
  the collector's reach. Files are closed by their `with` blocks and logging's own exit
  handler before then; nothing is left to a collection.
"""

import atexit
import gc
import threading


def release_pending_timers() -> int:
    """Cancel the timers still waiting (Snakefile onsuccess/onerror); returns how many."""
    pending = [thread for thread in threading.enumerate()
               if isinstance(thread, threading.Timer) and not thread.finished.is_set()]
    for timer in pending:
        timer.cancel()
    return len(pending)


def skip_final_collection() -> None:
    """Spare the process the garbage collections of its exit (end of a job)."""
    gc.freeze()


def skip_final_collection_at_exit() -> None:
    """The same, when the process exits for any reason (Snakemake, from the Snakefile)."""
    atexit.register(skip_final_collection)
