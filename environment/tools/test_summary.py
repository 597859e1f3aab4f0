"""The closing line of `environment/workbook test`, read from the test tools' own reports.

Surefire writes one JUnit XML file per test class (target/surefire-reports/TEST-*.xml) and pytest
writes one with --junitxml; both use the same <testcase> elements with a <failure>, <error> or
<skipped> child. Each test case is counted once: failed if it has a failure or an error, skipped if
it was skipped, passed otherwise. A skipped test is reported as skipped, never as passed, and makes
the run fail (the project treats a skipped case as a defect). A tool that exited non-zero without
reporting any failed test (a build failure, a collection crash, no XML at all) counts as one failure
named after the tool.

usage: test_summary.py --junit-dir DIR --junit-exit N --pytest-xml FILE --pytest-exit N
                       [--junit-log FILE] [--pytest-log FILE]
prints the failed and skipped tests (at most 40 of each), then
  JUnit: a passed, b failed, c skipped; pytest: d passed, e failed, f skipped
  N passed, M failed, K skipped
and exits 0 only when nothing failed and nothing was skipped.
"""
from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

SHOWN = 40


@dataclass
class Tally:
    """What one tool reported: counts, and the names of failed and skipped tests with a reason."""

    tool: str
    passed: int = 0
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"{self.tool}: {self.passed} passed, {len(self.failed)} failed, {len(self.skipped)} skipped"


def _first_line(text: str | None) -> str:
    lines = (text or "").strip().splitlines()
    return lines[0][:200] if lines else ""


def read_cases(tally: Tally, xml_file: Path) -> int:
    """Adds every <testcase> of one JUnit XML file to the tally; returns how many it held."""
    root = ET.parse(xml_file).getroot()
    n = 0
    for case in root.iter("testcase"):
        n += 1
        name = f"{case.get('classname', '')}.{case.get('name', '')}".lstrip(".")
        bad = case.find("failure")
        if bad is None:
            bad = case.find("error")
        skip = case.find("skipped")
        if bad is not None:
            tally.failed.append(f"{name}: {_first_line(bad.get('message') or bad.text)}")
        elif skip is not None:
            tally.skipped.append(f"{name}: {_first_line(skip.get('message') or skip.text)}")
        else:
            tally.passed += 1
    return n


def junit(report_dir: Path, exit_code: int, log: str) -> Tally:
    """The surefire reports of one `mvn test` run."""
    tally = Tally("JUnit")
    files = sorted(report_dir.glob("TEST-*.xml")) if report_dir.is_dir() else []
    total = 0
    for f in files:
        try:
            total += read_cases(tally, f)
        except ET.ParseError as e:
            tally.failed.append(f"{f.name}: unreadable JUnit XML ({e})")
    if exit_code != 0 and not tally.failed:
        what = " and ran no test (a build failure?)" if total == 0 else " although every reported test passed"
        tally.failed.append(f"mvn test exited {exit_code}{what}{log}")
    elif total == 0 and not tally.failed:
        tally.failed.append(f"mvn test wrote no test report under {report_dir}{log}")
    return tally


def pytest_report(xml_file: Path, exit_code: int, log: str) -> Tally:
    """The --junitxml report of one pytest run."""
    tally = Tally("pytest")
    total = 0
    if xml_file.is_file():
        try:
            total = read_cases(tally, xml_file)
        except ET.ParseError as e:
            tally.failed.append(f"{xml_file.name}: unreadable JUnit XML ({e})")
    if exit_code != 0 and not tally.failed:
        what = ": no test was collected" if exit_code == 5 else (
            " and reported no result" if total == 0 else " although every reported test passed")
        tally.failed.append(f"pytest exited {exit_code}{what}{log}")
    elif total == 0 and not tally.failed:
        tally.failed.append(f"pytest wrote no test report at {xml_file}{log}")
    return tally


def summarize(tallies: list[Tally]) -> tuple[list[str], bool]:
    """The lines to print and whether the run is clean (nothing failed, nothing skipped)."""
    out: list[str] = []
    for t in tallies:
        for label, names in (("FAILED", t.failed), ("SKIPPED", t.skipped)):
            for name in names[:SHOWN]:
                out.append(f"{label} ({t.tool}) {name}")
            if len(names) > SHOWN:
                out.append(f"... and {len(names) - SHOWN} more {label.lower()} ({t.tool})")
    passed = sum(t.passed for t in tallies)
    failed = sum(len(t.failed) for t in tallies)
    skipped = sum(len(t.skipped) for t in tallies)
    out.append("; ".join(t.line() for t in tallies))
    last = f"{passed} passed, {failed} failed, {skipped} skipped"
    if skipped:
        last += " (a skipped test is a defect: the run fails)"
    out.append(last)
    return out, failed == 0 and skipped == 0


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--junit-dir", type=Path, required=True, help="surefire's reports folder (TEST-*.xml)")
    p.add_argument("--junit-exit", type=int, required=True, help="exit status of mvn test")
    p.add_argument("--pytest-xml", type=Path, required=True, help="the file pytest --junitxml wrote")
    p.add_argument("--pytest-exit", type=int, required=True, help="exit status of pytest")
    p.add_argument("--junit-log", type=Path, help="mvn's console log (named in a tool-level failure)")
    p.add_argument("--pytest-log", type=Path, help="pytest's console log (named in a tool-level failure)")
    a = p.parse_args(argv)

    def log(path: Path | None) -> str:
        return f" (log: {path})" if path else ""

    lines, clean = summarize([junit(a.junit_dir, a.junit_exit, log(a.junit_log)),
                              pytest_report(a.pytest_xml, a.pytest_exit, log(a.pytest_log))])
    print("\n".join(lines))
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
