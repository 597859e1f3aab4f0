"""Shared fixtures of the pytest suite: paths of the checkout and a runner of notebooks through the
real Java kernel (the same code as `environment/workbook run`)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("LRLAB_ROOT", Path(__file__).resolve().parents[2]))
ENV = ROOT / "environment"
TARGET = Path(os.environ.get("LRLAB_TARGET", ROOT / "target"))
sys.path.insert(0, str(ENV / "tools"))


def course_notebooks() -> list[Path]:
    """Every notebook under notebooks/ except nbgrader's generated folders."""
    skip = {"release", "submitted", "autograded", "feedback", ".ipynb_checkpoints"}
    return sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if not skip & set(p.parts))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def target() -> Path:
    return TARGET
