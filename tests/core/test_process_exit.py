import subprocess
import sys
import threading
import time

from policybrief.core.process_exit import release_pending_timers


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


def test_a_finished_process_leaves_its_objects_out_of_the_last_collections():
    # The printer is registered first, so it runs after the freeze (atexit runs last-in first).
    program = ("import atexit, gc, sys\n"
               "atexit.register(lambda: print(gc.get_freeze_count()))\n"
               "from policybrief.core.process_exit import skip_final_collection_at_exit\n"
               "skip_final_collection_at_exit()\n")
    frozen = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert int(frozen.stdout) > 1000


def test_a_step_freezes_its_objects_and_keeps_its_log(tmp_path):
    program = ("import gc\n"
               "from policybrief.core.step import pipeline_step\n"
               f"with pipeline_step({str(tmp_path / 'step.log')!r}, 'demo') as log:\n"
               "    log.info('done')\n"
               "print(gc.get_freeze_count())\n")
    frozen = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert int(frozen.stdout) > 1000
    assert (tmp_path / "step.log").read_text(encoding="utf-8") == "[demo] done\n"
