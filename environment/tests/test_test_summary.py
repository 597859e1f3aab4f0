"""The closing line of `environment/workbook test` comes from the JUnit XML reports of surefire and
pytest (environment/tools/test_summary.py): failures and errors count as failed, a skipped test is
reported as skipped and fails the run, and a tool that crashed without a report is a named failure."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ENV

TOOL = ENV / "tools" / "test_summary.py"

# what surefire 3.5 writes per test class (trimmed to the elements the summary reads)
SUREFIRE = """<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="{cls}" tests="{n}" errors="0" skipped="0" failures="0">
  <properties><property name="java.version" value="17"/></properties>
{cases}
</testsuite>
"""
PASS = '  <testcase name="{name}" classname="{cls}" time="0.01"/>'
FAIL = ('  <testcase name="{name}" classname="{cls}" time="0.01"><failure message="expected: &lt;1&gt; but was: &lt;2&gt;"'
        ' type="org.opentest4j.AssertionFailedError"><![CDATA[trace]]></failure></testcase>')
ERROR = ('  <testcase name="{name}" classname="{cls}" time="0.01"><error message="boom"'
         ' type="java.lang.IllegalStateException"><![CDATA[trace]]></error></testcase>')
SKIP = '  <testcase name="{name}" classname="{cls}" time="0"><skipped message="not ready"/></testcase>'


def surefire_dir(tmp: Path, classes: dict[str, list[tuple[str, str]]]) -> Path:
    d = tmp / "surefire-reports"
    d.mkdir()
    for cls, cases in classes.items():
        body = "\n".join(kind.format(name=name, cls=cls) for name, kind in cases)
        (d / f"TEST-{cls}.xml").write_text(SUREFIRE.format(cls=cls, n=len(cases), cases=body))
    # surefire's plain-text summaries sit beside the XML and must not be read
    (d / f"{next(iter(classes), 'x')}.txt").write_text("Tests run: 999, Failures: 0")
    return d


def real_pytest_xml(tmp: Path, body: str) -> tuple[Path, int]:
    """Runs pytest itself on a small test file and returns its --junitxml report and exit status."""
    src = tmp / "case" / "test_sample.py"
    src.parent.mkdir()
    src.write_text(textwrap.dedent(body))
    xml = tmp / "pytest.xml"
    run = subprocess.run([sys.executable, "-m", "pytest", str(src), "-q", "-p", "no:cacheprovider",
                          f"--junitxml={xml}", "--rootdir", str(src.parent)],
                         capture_output=True, text=True, timeout=120, cwd=src.parent)
    return xml, run.returncode


def summary(junit: Path, junit_exit: int, pyxml: Path, py_exit: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(TOOL), "--junit-dir", str(junit), "--junit-exit", str(junit_exit),
                           "--pytest-xml", str(pyxml), "--pytest-exit", str(py_exit)],
                          capture_output=True, text=True, timeout=60)


GREEN = """
    def test_one():
        assert 1 + 1 == 2

    def test_two():
        assert "a" in "abc"
"""


def test_a_clean_run_counts_every_case_from_the_xml_and_exits_0(tmp_path):
    junit = surefire_dir(tmp_path, {"lrlab.A": [("a1", PASS), ("a2(double)[1]", PASS), ("a2(double)[2]", PASS)],
                                    "lrlab.B": [("b", PASS)]})
    xml, code = real_pytest_xml(tmp_path, GREEN)
    out = summary(junit, 0, xml, code)
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.strip().splitlines()
    assert lines[-2] == "JUnit: 4 passed, 0 failed, 0 skipped; pytest: 2 passed, 0 failed, 0 skipped"
    assert lines[-1] == "6 passed, 0 failed, 0 skipped"


def test_failures_and_errors_count_as_failed_and_are_named(tmp_path):
    junit = surefire_dir(tmp_path, {"lrlab.A": [("a1", PASS), ("a2", FAIL), ("a3", ERROR)]})
    xml, code = real_pytest_xml(tmp_path, """
        import pytest

        @pytest.fixture
        def broken():
            raise RuntimeError("fixture broke")

        def test_ok():
            pass

        def test_wrong():
            assert 2 == 3, "two is not three"

        def test_with_broken_fixture(broken):
            pass
    """)
    assert code == 1
    out = summary(junit, 1, xml, code)
    assert out.returncode == 1
    assert out.stdout.strip().splitlines()[-1] == "2 passed, 4 failed, 0 skipped"
    assert "FAILED (JUnit) lrlab.A.a2: expected: <1> but was: <2>" in out.stdout
    assert "FAILED (JUnit) lrlab.A.a3: boom" in out.stdout
    assert "test_wrong" in out.stdout and "test_with_broken_fixture" in out.stdout


def test_a_skipped_test_is_reported_as_skipped_and_fails_the_run(tmp_path):
    junit = surefire_dir(tmp_path, {"lrlab.A": [("a1", PASS), ("disabledOne", SKIP)]})
    xml, code = real_pytest_xml(tmp_path, GREEN + """
    import pytest

    @pytest.mark.skip(reason="no browser here")
    def test_skipped():
        pass
    """)
    assert code == 0, "pytest itself calls a skip a success"
    out = summary(junit, 0, xml, code)
    assert out.returncode == 1
    lines = out.stdout.strip().splitlines()
    assert lines[-2] == "JUnit: 1 passed, 0 failed, 1 skipped; pytest: 2 passed, 0 failed, 1 skipped"
    assert lines[-1] == "3 passed, 0 failed, 2 skipped (a skipped test is a defect: the run fails)"
    assert "SKIPPED (JUnit) lrlab.A.disabledOne: not ready" in out.stdout
    assert any(line.startswith("SKIPPED (pytest)") and "no browser here" in line for line in lines)


@pytest.mark.parametrize("junit_exit, expected", [(1, "mvn test exited 1 and ran no test"),
                                                  (0, "mvn test wrote no test report")])
def test_no_surefire_report_is_one_named_failure(tmp_path, junit_exit, expected):
    xml, code = real_pytest_xml(tmp_path, GREEN)
    out = summary(tmp_path / "no-such-dir", junit_exit, xml, code)
    assert out.returncode == 1
    assert out.stdout.strip().splitlines()[-1] == "2 passed, 1 failed, 0 skipped"
    assert expected in out.stdout


def test_a_pytest_that_collected_nothing_is_a_failure(tmp_path):
    junit = surefire_dir(tmp_path, {"lrlab.A": [("a1", PASS)]})
    xml, code = real_pytest_xml(tmp_path, "x = 1\n")
    assert code == 5
    out = summary(junit, 0, xml, code)
    assert out.returncode == 1
    assert "pytest exited 5: no test was collected" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "1 passed, 1 failed, 0 skipped"


def test_a_tool_exit_status_is_not_ignored_when_every_reported_test_passed(tmp_path):
    junit = surefire_dir(tmp_path, {"lrlab.A": [("a1", PASS)]})
    xml, code = real_pytest_xml(tmp_path, GREEN)
    out = summary(junit, 1, xml, code)
    assert out.returncode == 1
    assert "mvn test exited 1 although every reported test passed" in out.stdout


def test_the_test_verb_counts_from_the_xml_reports():
    verb = (ENV / "verbs" / "test").read_text()
    assert "--junitxml=" in verb and "test_summary.py" in verb
    assert "grep -Eo '[0-9]+ passed'" not in verb and "Tests run: ([0-9]+)" not in verb
