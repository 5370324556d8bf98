"""Letting Snakemake exit as soon as its jobs are done.

Snakemake 9's scheduler limits how many jobs start per second (--max-jobs-per-timespan,
100/1s by default) and, each time it waits, arms a one-second threading.Timer to look again.
The timer is not a daemon thread, so the last one armed holds the finished process for up to
a second: about 1 s of every build that runs a job (measured in benchmarks/speed.py). Once
the workflow has ended nothing is left to schedule, and the pending timers can be cancelled.
"""

import threading


def release_pending_timers() -> int:
    """Cancel the timers still waiting (Snakefile onsuccess/onerror); returns how many."""
    pending = [thread for thread in threading.enumerate()
               if isinstance(thread, threading.Timer) and not thread.finished.is_set()]
    for timer in pending:
        timer.cancel()
    return len(pending)
