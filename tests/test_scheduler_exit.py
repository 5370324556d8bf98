import threading
import time

from policybrief.scheduler_exit import release_pending_timers


def test_pending_timers_are_cancelled_and_the_process_is_free_to_exit():
    fired = []
    timer = threading.Timer(60, lambda: fired.append(True))
    timer.start()
    started = time.perf_counter()
    assert release_pending_timers() >= 1
    timer.join(timeout=5)
    assert not timer.is_alive() and time.perf_counter() - started < 5
    assert fired == []
    assert release_pending_timers() == 0
