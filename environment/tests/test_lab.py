"""The main job: `environment/workbook lab` brings JupyterLab up, and the first notebook runs top to
bottom in it (Debian's headless Chromium, driven by playwright-core), drawing its charts interactively."""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time

from conftest import ENV, ROOT, TARGET


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_lab_runs_the_first_notebook_in_a_browser():
    port = free_port()
    # expose_app_in_browser lets the check call JupyterLab's own "run all cells" command
    log_path = TARGET / "lab-test.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    # the server's log goes to a file: an unread pipe would fill up and stall JupyterLab
    log = log_path.open("w")
    proc = subprocess.Popen([str(ENV / "workbook"), "lab", "--port", str(port), "--no-browser",
                             "--", "--LabApp.expose_app_in_browser=True"],
                            stdout=log, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        url = None
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and url is None and proc.poll() is None:
            time.sleep(0.5)
            m = re.search(r"(http://127\.0\.0\.1:\d+/lab\?token=\w+)", log_path.read_text())
            url = m.group(1) if m else None
        assert url, "lab printed no URL:\n" + log_path.read_text()[-3000:]
        shot = TARGET / "screenshots" / "lab-00_first_run.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        out = subprocess.run(["node", str(ENV / "tools" / "lab_check.mjs"), url, "00_first_run.ipynb", "2", str(shot)],
                             capture_output=True, text=True, timeout=300, env=dict(os.environ, NODE_PATH=str(ENV / "node_modules")),
                             cwd=ENV)
        assert out.returncode == 0, out.stderr[-2000:]
        result = json.loads(out.stdout.strip().splitlines()[-1])
        assert result["charts"] == 2, result
        assert result["errorOutputs"] == 0, result
        assert shot.exists()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()
