"""The benchmark's memory figure is the probe's own, not its parent's.

Linux carries ``ru_maxrss`` over ``execve``, so a probe spawned by a large benchmark process once
reported the benchmark's peak (300 MB) as the web worker's."""

import subprocess
import sys

import pytest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="VmHWM is read from /proc (Linux)")
def test_a_probe_spawned_by_a_large_process_reports_its_own_peak():
    ballast = bytearray(300 * 1024 * 1024)
    for i in range(0, len(ballast), 4096):
        ballast[i] = 1
    code = (
        "import django; django.setup(); "
        "from demo.management.commands.benchmark import _peak_rss_mb; print(_peak_rss_mb())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    del ballast
    assert 1 <= int(out.strip()) < 150
