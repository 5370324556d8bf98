"""One build at a time in a folder: a second one stops at once naming the first, and a build
killed outright leaves no lock behind."""

import os
import signal
import subprocess
import sys

from policybrief.core.build_lock import LOCK_FILE

HOLD = ("import sys, time; sys.argv = ['snakemake', '--cores', '4'];"
        "from policybrief.core.build_lock import hold_build_lock; hold_build_lock(); print('held', flush=True);"
        "time.sleep(60)")


def test_a_second_build_stops_naming_the_first_and_a_killed_one_releases_the_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = subprocess.Popen([sys.executable, "-c", HOLD], cwd=tmp_path, stdout=subprocess.PIPE, text=True)
    try:
        assert first.stdout.readline().strip() == "held"
        check = ("from policybrief.core.build_lock import hold_build_lock\n"
                 "from policybrief.core.errors import InputError\n"
                 "try:\n    hold_build_lock()\nexcept InputError as error:\n    print(error)\n")
        second = subprocess.run([sys.executable, "-c", check], cwd=tmp_path, capture_output=True, text=True)
        assert f"another build is running in this folder (process {first.pid}, started " in second.stdout
        assert "snakemake --cores 4)" in second.stdout and "What to do: wait for it to finish" in second.stdout
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    from policybrief.core import build_lock

    build_lock.hold_build_lock()  # the system released the killed process's lock
    assert (tmp_path / LOCK_FILE).read_text().startswith(f"process {os.getpid()},")
    build_lock._held.pop(str(LOCK_FILE)).close()


def test_the_workflow_read_twice_in_one_process_takes_the_lock_once(tmp_path, monkeypatch):
    from policybrief.core import build_lock

    monkeypatch.chdir(tmp_path)
    build_lock.hold_build_lock()
    build_lock.hold_build_lock()  # no error: this process holds it already
    assert len(build_lock._held) == 1
    build_lock._held.pop(str(LOCK_FILE)).close()
