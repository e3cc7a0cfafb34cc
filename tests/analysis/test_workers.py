"""Worker processes of an analysis end with the process that started them, however it ends."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import psutil
import pytest

from helixgraph.analysis.workers import run_in_background, task_runner

_OWNER = textwrap.dedent("""
    import os, sys, time
    from helixgraph.analysis.workers import run_in_background
    pending = run_in_background(time.sleep, [(600,), (600,)], workers=2)
    time.sleep(3)  # the pool's processes start
    print(os.getpid(), flush=True)
    pending()
""")


@pytest.mark.slow
def test_workers_end_when_their_owner_is_killed():
    marker = f"owner-{os.getpid()}-{time.monotonic_ns()}"
    env = {**os.environ, "HELIXGRAPH_TEST_OWNER": marker}
    owner = subprocess.Popen([sys.executable, "-c", _OWNER], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert int(owner.stdout.readline()) == owner.pid
        workers = [p for p in psutil.process_iter() if _has_marker(p, marker) and p.pid != owner.pid]
        assert len(workers) >= 3  # the start method's server and the two workers
        owner.send_signal(signal.SIGKILL)
        owner.wait()
        gone, alive = psutil.wait_procs(workers, timeout=30)
        assert alive == [] and len(gone) == len(workers)
    finally:
        owner.kill()
        for process in psutil.process_iter():
            if _has_marker(process, marker):
                process.kill()


def _has_marker(process: psutil.Process, marker: str) -> bool:
    try:
        return process.environ().get("HELIXGRAPH_TEST_OWNER") == marker
    except psutil.Error:
        return False


def test_tasks_give_the_same_results_in_workers_and_in_turn():
    arguments = [(2, 10), (3, 5), (7, 2)]
    with task_runner(2) as run:
        spread = run(pow, arguments)
    assert spread == [pow(*a) for a in arguments] == [1024, 243, 49]
    assert run_in_background(divmod, [(17, 5), (9, 4)], workers=2)() == [(3, 2), (2, 1)]


_SHARING = textwrap.dedent("""
    import json, os, sys, time
    from pathlib import Path
    from helixgraph.analysis.workers import run_in_background

    def task(marker, delay):
        Path(marker).touch()
        time.sleep(delay)
        return os.getpid()

    if __name__ == "__main__":
        marker = sys.argv[1]
        pending = run_in_background(task, [(marker, 0.3)] * 8, workers=1)
        deadline = time.monotonic() + 120
        while not Path(marker).exists() and time.monotonic() < deadline:
            time.sleep(0.05)  # a worker has taken the first task
        print(json.dumps({"caller": os.getpid(), "pids": pending()}))
""")


def test_the_caller_takes_the_tasks_no_worker_has_started(tmp_path):
    script = tmp_path / "owner.py"
    script.write_text(_SHARING, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(tmp_path / "started")], capture_output=True,
                          text=True, timeout=300, check=True)
    found = json.loads(done.stdout)
    pids = found["pids"]
    assert len(pids) == 8
    assert pids[0] != found["caller"]  # the worker's
    assert pids[-1] == found["caller"]  # taken back from the queue and done by the caller
    assert {pid for pid in pids if pid != found["caller"]} == {pids[0]}  # one worker
