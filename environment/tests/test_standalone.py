"""The project stands alone: a clone of the committed repository in a folder whose parent holds nothing else
runs the JUnit tests that read the PyTorch traces and replays its own oracle files; no tracked file names a
folder beside the project. Cheap on purpose: the clone reuses the Maven repository (~/.m2, offline) and
needs no Python venv (replay runs the library with java)."""
from __future__ import annotations

import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT

SIBLING = "../" + "shared"        # spelled in two parts so this file does not name it itself
CHECKED = ["pom.xml", "lib-src", "environment", "notebooks", ".ci", "README.md"]


def run(cmd: list[str], cwd: Path, timeout: int) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LRLAB_", "JUPYTER"))}
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    parent = tmp_path_factory.mktemp("alone")
    dest = parent / "lrlab"
    out = run(["git", "clone", "--quiet", "--no-local", str(ROOT), str(dest)], cwd=parent, timeout=300)
    assert out.returncode == 0, out.stderr
    assert [p.name for p in parent.iterdir()] == ["lrlab"], "the clone's parent must hold nothing else"
    assert not (parent / "shared").exists()
    return dest


def oracle_test_classes(clone: Path) -> list[str]:
    """Every JUnit class that reads the traces through lrlab.testutil.Oracles."""
    found = []
    for src in sorted((clone / "lib-src" / "test" / "java").rglob("*Test.java")):
        if re.search(r"\bOracles\.(cases|read|file)\(", src.read_text()):
            found.append(src.stem)
    return found


def test_the_oracle_junit_tests_pass_in_a_clone_with_nothing_beside_it(clone):
    classes = oracle_test_classes(clone)
    assert {"OptimizerOracleTest", "SchedulerOracleTest", "SeedExampleReplayTest"} <= set(classes), classes
    out = run(["mvn", "-o", "-q", "-B", "test", f"-Dtest={','.join(classes)}", "-Dsurefire.failIfNoSpecifiedTests=false",
               f"-Dlrlab.buildDir={clone / 'target'}"], cwd=clone, timeout=900)
    assert out.returncode == 0, (out.stdout + out.stderr)[-3000:]
    reports = sorted((clone / "target" / "surefire-reports").glob("TEST-*.xml"))
    assert {r.name[len("TEST-lrlab."):-len(".xml")].split(".")[-1] for r in reports} == set(classes)
    cases = [c for r in reports for c in ET.parse(r).getroot().iter("testcase")]
    assert len(cases) > 200, "the oracle classes replay every public case"
    assert not [c for c in cases if len(c)], "no failure, error or skip"


def test_replay_of_the_projects_own_oracle_files_passes_without_a_venv(clone):
    files = sorted(str(p) for p in (clone / "lib-src" / "test" / "resources" / "oracles").glob("*.json"))
    assert [Path(f).name for f in files] == ["optimizers.json", "schedulers.json", "seed_examples.json"]
    out = run([str(clone / "environment" / "workbook"), "replay", *files], cwd=clone, timeout=900)
    assert out.returncode == 0, (out.stdout + out.stderr)[-3000:]
    assert out.stdout.strip().splitlines()[-1] == "118 passed, 0 failed"
    assert not (clone / ".venv").exists(), "replay needs only Java and Maven"


def test_no_tracked_file_names_a_folder_beside_the_project(clone):
    out = run(["git", "grep", "-n", "-F", SIBLING, "--", *CHECKED], cwd=clone, timeout=60)
    assert out.returncode == 1, f"tracked files name {SIBLING}:\n{out.stdout}"
    listed = run(["git", "ls-files", "--", *CHECKED], cwd=clone, timeout=60).stdout.split()
    assert any(f.startswith("lib-src/") for f in listed) and "README.md" in listed
