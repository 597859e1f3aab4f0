"""The entry script's contract: help for every verb, usage and exit 2 on unknown verbs or options,
one clear line for a notebook path that is missing or not a notebook."""
from __future__ import annotations

import subprocess

import pytest

from conftest import ENV, ROOT

VERBS = sorted(p.name for p in (ENV / "verbs").iterdir() if p.is_file())


def workbook(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(ENV / "workbook"), *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def test_help_lists_every_verb_with_its_summary():
    out = workbook("--help")
    assert out.returncode == 0
    for verb in VERBS:
        assert f"  {verb} " in out.stdout, f"verb {verb} missing from --help"


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_answers_help(verb):
    out = workbook(verb, "--help")
    assert out.returncode == 0, out.stderr
    assert "usage:" in out.stdout


def test_an_unknown_verb_prints_usage_and_exits_2():
    out = workbook("frobnicate")
    assert out.returncode == 2
    assert "unknown verb 'frobnicate'" in out.stderr and "usage:" in out.stderr


@pytest.mark.parametrize("verb", ["lab", "setup", "run"])
def test_an_unknown_option_exits_2(verb):
    out = workbook(verb, "--no-such-option", *(["x.ipynb"] if verb == "run" else []))
    assert out.returncode == 2, out.stdout + out.stderr


def test_run_names_a_missing_notebook_in_one_line(tmp_path):
    out = workbook("run", str(tmp_path / "nope.ipynb"), "--out", str(tmp_path / "out"))
    assert out.returncode == 1
    assert out.stdout.strip() == f"FAIL {tmp_path / 'nope.ipynb'}  0.0 s  no such file"


def test_run_names_a_file_that_is_not_a_notebook(tmp_path):
    bad = tmp_path / "notes.ipynb"
    bad.write_text("this is not JSON")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    out = workbook("run", str(bad), str(text), "--out", str(tmp_path / "out"))
    assert out.returncode == 1
    lines = out.stdout.strip().splitlines()
    assert lines[0].startswith(f"FAIL {bad}") and "not a readable notebook" in lines[0]
    assert lines[1].startswith(f"FAIL {text}") and "not a notebook" in lines[1]
    assert lines[-1] == "0 passed, 2 failed"


def test_run_names_the_failing_cell_and_error(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}}
    nb.cells = [nbformat.v4.new_code_cell("int x = 1;"), nbformat.v4.new_markdown_cell("text"),
                nbformat.v4.new_code_cell('throw new IllegalStateException("boom at cell three");')]
    path = tmp_path / "fails.ipynb"
    nbformat.write(nb, path)
    out = workbook("run", str(path), "--out", str(tmp_path / "out"))
    assert out.returncode == 1
    assert "cell 3" in out.stdout and "boom at cell three" in out.stdout, out.stdout
    assert any((tmp_path / "out").rglob("fails.ipynb")), "the executed copy is kept for inspection"


def test_replay_says_a_file_is_not_json(tmp_path):
    bad = tmp_path / "cases.json"
    bad.write_text("{ not json")
    out = workbook("replay", str(bad))
    assert out.returncode == 2
    assert "not valid JSON" in out.stderr
