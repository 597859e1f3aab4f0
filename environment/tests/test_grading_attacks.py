"""The grading sandbox under attack (issue 12). One class is graded through `environment/workbook grade`:
two honest students and one student per kind of attack (environment/tests/attacks.py: read the
solutions, hidden tests and gradebook from anywhere; write markers everywhere and append to every
grades.csv / nbgrader_config.py / notebook found; leave detached processes; reach a listener this test
opened on 127.0.0.1; allocate memory until stopped; fork and start threads without bound; fill the
disk). Each attack is appended as an extra cell to a complete solution, so the attacker would otherwise
score full marks. Every check is made on the host, after grading."""
from __future__ import annotations

import copy
import csv
import json
import os
import re
import socket
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

import attacks
from conftest import ENV, EXERCISES, ROOT, run_verb, tree_hash

sys.path.insert(0, str(ENV / "tools"))
import feedback  # noqa: E402
import grading  # noqa: E402
import sandbox  # noqa: E402
from test_grading import manual_cells, solved  # noqa: E402

NB3, NB1 = "03_warmup_step_decay.ipynb", "01_four_rates.ipynb"
HONEST = {"Honest Ann": [("schedules", NB3), ("lr_basics", NB1)], "honest bob": [("schedules", NB3)]}
KINDS = ("read", "write", "detach", "network", "memory", "fork", "disk")
LIMITS = sandbox.Limits()


class Listener:
    """A TCP listener on 127.0.0.1 outside the sandbox that records every connection it gets."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.connections: list = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, addr = self.sock.accept()
            except OSError:
                return
            self.connections.append(addr)
            conn.close()


def attack_cell(kind: str, port: int) -> dict:
    code = attacks.network(port) if kind == "network" else getattr(attacks, kind.upper())
    return {"cell_type": "code", "execution_count": None, "id": f"attack-{kind}", "metadata": {}, "outputs": [],
            "source": code.strip("\n")}


def page_text(path: Path) -> str:
    """The visible text of an HTML page (tags, styles and scripts dropped)."""
    import html
    t = path.read_text(encoding="utf-8")
    t = re.sub(r"<(style|script)\b.*?</\1>", "", t, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", t))


def output_lines(path: Path, prefix: str) -> list[str]:
    """Lines of a feedback page that start with prefix (what the attack printed, not its source)."""
    return [ln.strip() for ln in page_text(path).splitlines() if ln.strip().startswith(prefix)]


def sleepers() -> list[str]:
    found = []
    for p in psutil.process_iter(["cmdline"]):
        cmd = " ".join(p.info.get("cmdline") or [])
        if attacks.SLEEP_TAG in cmd and "pytest" not in cmd:
            found.append(f"{p.pid}: {cmd}")
    return found


@pytest.fixture(scope="module")
def attacked(released, tmp_path_factory):
    base = tmp_path_factory.mktemp("attacks")
    submitted, out = base / "class", base / "out"

    def load(kind, a, n):
        return json.loads((released / kind / a / n).read_text())

    full3 = solved(load("release", "schedules", NB3), load("source", "schedules", NB3))
    listener = Listener()
    for student, notebooks in HONEST.items():
        for a, n in notebooks:
            p = submitted / student / a / n
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(json.dumps(solved(load("release", a, n), load("source", a, n))))
    for kind in KINDS:
        nb = copy.deepcopy(full3)
        nb["cells"].append(attack_cell(kind, listener.port))
        p = submitted / f"attack {kind}" / "schedules" / NB3
        p.parent.mkdir(parents=True)
        p.write_text(json.dumps(nb))
    # what an instructor keeps beside the class: the attacks would love to find or change these
    decoy = base / "instructor"
    decoy.mkdir()
    (decoy / "grades.csv").write_text("student,score\nsomeone,0\n")
    (decoy / "nbgrader_config.py").write_text("c = get_config()\n")
    (decoy / "gradebook.db").write_bytes((released / "gradebook.db").read_bytes())
    (decoy / "solutions.ipynb").write_text((released / "source" / "schedules" / NB3).read_text())
    before = {"class": tree_hash(submitted), "decoy": tree_hash(decoy), "course": tree_hash(EXERCISES)}
    start = time.monotonic()
    r = run_verb("grade", "--submitted", str(submitted), "--out", str(out), timeout=1500)
    seconds = time.monotonic() - start
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    time.sleep(1)
    with (out / "grades.csv").open(encoding="utf-8") as f:
        rows = {(x["student"], x["notebook"]): x for x in csv.DictReader(f)}
    return {"base": base, "submitted": submitted, "out": out, "decoy": decoy, "before": before, "rows": rows,
            "listener": listener, "sleepers": sleepers(), "log": r.stdout, "seconds": seconds,
            "released": released}


def page(attacked, kind: str) -> Path:
    return attacked["out"] / "feedback" / f"attack {kind}" / "schedules" / "03_warmup_step_decay.html"


def test_honest_students_get_full_marks_beside_the_attacks(attacked):
    for student, notebooks in HONEST.items():
        for a, n in notebooks:
            row = attacked["rows"][(student, n)]
            manual = manual_cells(a, n)  # written answers wait for the instructor: not in the score yet
            assert row["status"] == "ok", row
            assert float(row["score"]) == float(row["max_score"]) - sum(manual.values()) > 0, row
            if manual:
                assert row["message"].startswith("awaiting manual grading") and ";" not in row["message"], row
            else:
                assert row["message"] == "", row


@pytest.mark.parametrize("kind", KINDS)
def test_each_attack_gets_its_row_and_feedback(attacked, kind):
    row = attacked["rows"][(f"attack {kind}", NB3)]
    assert row["status"] in ("ok", "timeout", "kernel-died"), row
    assert row["max_score"] == attacked["rows"][("honest bob", NB3)]["max_score"], row
    assert page(attacked, kind).exists()


def test_the_reading_attack_finds_no_solution_hidden_test_or_gradebook(attacked):
    p = page(attacked, "read")
    done = output_lines(p, "READ-ATTACK scanned")
    assert done, "the attack did not run to its end"
    assert int(done[0].split()[2]) > 1000, done  # it did walk the file system it could see
    assert output_lines(p, "FOUND ") == []
    seen = output_lines(p, "ENVIRON ") + output_lines(p, "CWD ")
    assert seen, "the attack listed no process"
    for line in seen:  # the processes it can see are its own sandbox's, with the sandbox's paths
        for path in (attacked["base"], attacked["decoy"], EXERCISES, Path.home(), ENV / "tools"):
            assert str(path) + "/" not in line + "/" or str(path) == "/", (path, line)


def test_the_writing_attack_changes_nothing_outside_its_sandbox(attacked):
    p = page(attacked, "write")
    assert output_lines(p, "WRITE-ATTACK"), "the attack did not run to its end"
    for line in output_lines(p, "WROTE ") + output_lines(p, "APPENDED "):
        where = line.split(" ", 1)[1]
        assert where.startswith(("/home/student", "/tmp", "/proc/")), line  # its own tmpfs only
    assert tree_hash(attacked["submitted"]) == attacked["before"]["class"]
    assert tree_hash(attacked["decoy"]) == attacked["before"]["decoy"]
    assert tree_hash(EXERCISES) == attacked["before"]["course"]
    course_copy = attacked["out"] / ".work" / "course"
    assert (course_copy / "nbgrader_config.py").read_bytes() == (EXERCISES / "nbgrader_config.py").read_bytes()
    marked = []
    for folder, depth in ((attacked["base"], 99), (ROOT, 99), (Path("/tmp"), 2), (Path.home(), 2)):
        for dirpath, dirnames, filenames in os.walk(folder):
            rel = Path(dirpath).relative_to(folder)
            if len(rel.parts) >= depth or ".git" in rel.parts:
                dirnames[:] = []
            marked += [os.path.join(dirpath, f) for f in filenames if attacks.MARKER in f]
    assert marked == []
    for name in ("grades.csv", "cells.csv"):
        assert attacks.MARKER not in (attacked["out"] / name).read_text(encoding="utf-8")
    for result in (attacked["out"] / "results").glob("*.json"):
        assert attacks.MARKER not in result.read_text(encoding="utf-8"), result


def test_detached_and_forked_processes_do_not_outlive_their_notebook(attacked):
    assert output_lines(page(attacked, "detach"), "DETACH-ATTACK started"), "the attack did not run"
    assert attacked["sleepers"] == []


def test_the_network_attack_reaches_no_listener(attacked):
    p = page(attacked, "network")
    assert output_lines(p, "NETWORK-ATTACK done"), "the attack did not run to its end"
    assert output_lines(p, "CONNECTED") == [] and output_lines(p, "HTTP CONNECTED") == []
    assert attacked["listener"].connections == []


def test_the_memory_attack_is_stopped_and_costs_only_its_row(attacked):
    row = attacked["rows"][("attack memory", NB3)]
    assert (row["status"], row["score"]) == ("kernel-died", "0"), row
    assert f"more than {LIMITS.memory_mb} MB" in row["message"], row


def test_the_fork_attack_is_bounded(attacked):
    stopped = output_lines(page(attacked, "fork"), "FORK-ATTACK processes stopped at")
    assert stopped, "the fork attack did not hit a limit"
    assert int(stopped[0].split()[4].rstrip(":")) < LIMITS.tasks, stopped


def test_the_disk_attack_is_bounded(attacked):
    total = output_lines(page(attacked, "disk"), "DISK-ATTACK total")
    assert total, "the disk attack did not run to its end"
    assert int(total[0].split()[2]) <= 2 * LIMITS.disk_mb, total


def hidden_test_lines(released: Path) -> dict[str, list[str]]:
    """notebook -> its lines of hidden test code the students never saw."""
    import nbformat
    out = {}
    for src in sorted((released / "source").rglob("*.ipynb")):
        rel = released / "release" / src.parent.name / src.name
        out[src.name] = feedback.hidden_lines(nbformat.read(src, as_version=4), nbformat.read(rel, as_version=4),
                                              "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
    return out


def test_no_feedback_page_or_csv_shows_hidden_test_code(attacked):
    hidden = hidden_test_lines(attacked["released"])
    assert hidden[NB3] and hidden[NB1], "the exercises have hidden tests to look for"
    everything = [line for lines in hidden.values() for line in lines]
    files = sorted((attacked["out"] / "feedback").rglob("*.html")) + [attacked["out"] / "grades.csv",
                                                                       attacked["out"] / "cells.csv"]
    assert len(files) > 10
    for f in files:
        text = f.read_text(encoding="utf-8")
        leaked = [line for line in everything if line in text or line in page_text(f)]
        assert leaked == [], f"{f.name}: {leaked[:3]}"


def test_show_hidden_tests_gives_nbgraders_own_page(attacked, tmp_path):
    sub = tmp_path / "class" / "honest bob" / "schedules"
    sub.mkdir(parents=True)
    (sub / NB3).write_bytes((attacked["submitted"] / "honest bob" / "schedules" / NB3).read_bytes())
    r = run_verb("grade", "--submitted", str(tmp_path / "class"), "--out", str(tmp_path / "out"),
                 "--show-hidden-tests")
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    text = (tmp_path / "out" / "feedback" / "honest bob" / "schedules" / "03_warmup_step_decay.html").read_text()
    shown = [line for line in hidden_test_lines(attacked["released"])[NB3] if line in page_text_of(text)]
    assert shown, "with --show-hidden-tests the hidden tests are on the page"


def page_text_of(text: str) -> str:
    import html
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<(style|script)\b.*?</\1>", "", text, flags=re.S)))


def test_cells_csv_has_one_row_per_graded_test_cell(attacked):
    with (attacked["out"] / "cells.csv").open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == grading.CELL_COLUMNS
        cells = list(reader)
    keys = [(c["student"], c["assignment"], c["notebook"]) for c in cells]
    assert keys == sorted(keys)
    for (student, notebook), row in attacked["rows"].items():
        mine = [c for c in cells if (c["student"], c["notebook"]) == (student, notebook)]
        if row["status"] in ("ok", "tampered"):
            assert mine, row
            manual = sum(manual_cells(row["assignment"], notebook).values())
            assert sum(float(c["points"]) for c in mine) == float(row["score"]), (row, mine)
            assert sum(float(c["max_points"]) for c in mine) + manual == float(row["max_score"]), (row, mine)
    for student in HONEST:
        for c in (c for c in cells if c["student"] == student):
            assert (c["points"], c["message"]) == (c["max_points"], ""), c
    assert all(len(c["message"]) <= 300 for c in cells)


def test_grade_stops_when_the_sandbox_is_missing_and_names_the_fix(tmp_path):
    (tmp_path / "class" / "someone" / "schedules").mkdir(parents=True)
    env = {**os.environ, "LRLAB_BWRAP": str(tmp_path / "no-bwrap-here")}
    r = run_verb("grade", "--submitted", str(tmp_path / "class"), "--out", str(tmp_path / "out"), env=env, timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "bubblewrap" in r.stderr and "apt-get install bubblewrap" in r.stderr and "--no-sandbox" in r.stderr
    assert not (tmp_path / "out" / "grades.csv").exists()


def test_no_sandbox_says_so_in_every_row(tmp_path):
    folder = tmp_path / "class" / "someone" / "schedules"
    folder.mkdir(parents=True)
    (folder / NB3).write_bytes(b"")  # invalid, and the other schedules notebooks are missing: no kernel
    (tmp_path / "class" / "someone" / "lr_basics").mkdir()
    r = run_verb("grade", "--submitted", str(tmp_path / "class"), "--out", str(tmp_path / "out"), "--no-sandbox")
    assert r.returncode == 0, r.stdout + r.stderr
    with (tmp_path / "out" / "grades.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 3
    for row in rows:
        assert row["message"].startswith("graded unsandboxed (--no-sandbox)"), row
