"""The oracle generator (environment/tools/oracles.py) without PyTorch: its file layout, its exact regime
analysis, its metric curves and its plain-Python references reproduce the committed traces, and its
comparison (`environment/workbook oracles --compare`) tells identical, within-tolerance and differing
cases apart. The PyTorch half runs only in `environment/workbook oracles --check` (see the README)."""
from __future__ import annotations

import copy
import json
import math
import shutil
import subprocess
from pathlib import Path

import pytest

import oracles
from conftest import ENV, ROOT

ORACLES = ROOT / "lib-src" / "test" / "resources" / "oracles"


def load(name: str) -> list[dict]:
    return json.loads((ORACLES / name).read_text())


def by_kind(name: str, kind_filter=lambda c: True) -> list[dict]:
    return [c for c in load(name) if kind_filter(c)]


def ids(cases):
    return [c["id"] for c in cases]


def within(got: list[float], expected: list[float], rtol: float, atol: float) -> list[int]:
    """Indices where |got - exp| > rtol*|exp| + atol."""
    return [i for i, (g, e) in enumerate(zip(got, expected)) if abs(g - e) > rtol * abs(e) + atol]


@pytest.mark.parametrize("name", oracles.FILES)
def test_the_writer_reproduces_each_committed_file_byte_for_byte(name):
    raw = (ORACLES / name).read_text()
    assert oracles.dumps(json.loads(raw)) + "\n" == raw


def test_the_writer_refuses_nan_and_infinity():
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError):
            oracles.dumps({"trace": {"loss": [1.0, bad]}})


PLATEAUS = by_kind("schedulers.json", lambda c: "input" in c)


@pytest.mark.parametrize("suffix, args, lr, steps, curve", oracles.PLATEAUS, ids=[p[0] for p in oracles.PLATEAUS])
def test_the_plateau_metric_curves_are_the_committed_inputs(suffix, args, lr, steps, curve):
    case = next(c for c in PLATEAUS if c["id"].endswith(suffix))
    assert [round(curve(t), 5) for t in range(steps)] == case["input"]["metrics"]
    assert case["torch"]["args"] == args and case["optimizer"]["args"]["lr"] == lr


VARIED_PLATEAUS = [c for c in load("varied/schedulers.json") if "input" in c]


@pytest.mark.parametrize("case", PLATEAUS + VARIED_PLATEAUS, ids=ids(PLATEAUS + VARIED_PLATEAUS))
def test_the_plateau_state_machine_matches_torch_bit_for_bit(case):
    ref = oracles.Plateau(case["torch"]["args"], case["optimizer"]["args"]["lr"])
    trace = case["trace"]
    for t, metric in enumerate(case["input"]["metrics"]):
        assert ref.lr == trace["lr"][t], f"lr[{t}]"
        ref.step(metric)
        assert (ref.best, ref.num_bad_epochs, ref.cooldown_counter) == (
            trace["best"][t], trace["num_bad_epochs"][t], trace["cooldown_counter"][t]), f"state after metrics[{t}]"


ANALYSED = by_kind("optimizers.json", lambda c: "analysis" in c) + by_kind(
    "seed_examples.json", lambda c: c["objective"]["name"] == "shifted_square")


@pytest.mark.parametrize("case", ANALYSED, ids=ids(ANALYSED))
def test_the_exact_regime_analysis_is_the_committed_one(case):
    a = case["objective"]["a"] if case["kind"] == "optimizer" else case["objective"]["as_quadratic1d"]["a"]
    assert oracles.quadratic_analysis(case["torch"]["args"]["lr"], a) == case["analysis"]


@pytest.mark.parametrize("lr_times_a, expected", [
    ("0.4", "monotone-convergence"), ("1", "one-step"), ("1.8", "zig-zag-convergence"), ("2", "oscillation"),
    ("2.4", "divergence"), ("2.2", "divergence"), ("1.0000000000000001", "zig-zag-convergence")])
def test_regimes_are_decided_on_exact_decimals(lr_times_a, expected):
    from fractions import Fraction
    assert oracles.regime(Fraction(lr_times_a)) == expected


def test_lr_times_a_is_exact_where_floats_are_not():
    # 0.6 * 4 is 2.4000000000000004 and 1 - 2.2 is -1.2000000000000002 in floats
    assert oracles.quadratic_analysis(0.6, 4.0)["lr_times_a"] == 2.4
    assert oracles.quadratic_analysis(1.1, 2.0)["contraction_factor"] == -1.2


OPTIMIZER_CASES = load("optimizers.json")
VARIED_OPTIMIZER_CASES = load("varied/optimizers.json")


@pytest.mark.parametrize("case", OPTIMIZER_CASES + VARIED_OPTIMIZER_CASES,
                         ids=ids(OPTIMIZER_CASES + VARIED_OPTIMIZER_CASES))
def test_the_plain_python_optimizer_reference_reproduces_the_trace(case):
    cls = case["torch"]["class"].rsplit(".", 1)[1]
    objective = oracles.reference_objective(case["objective"]["name"], case["objective"])
    losses, grads, params = oracles.OptimizerCases.run_reference(cls, case["torch"]["args"], objective, case["x0"])
    tol, trace = case["tolerance"], case["trace"]
    assert len(losses) == case["steps_recorded"]
    for name, got in (("loss", losses), ("grad", grads), ("params", params)):
        bad = within(oracles.flat(got), oracles.flat(trace[name]), tol["rtol"], tol["atol"][name])
        assert not bad, f"{name}: {len(bad)} values outside the tolerance"


@pytest.mark.parametrize("case", OPTIMIZER_CASES, ids=ids(OPTIMIZER_CASES))
def test_each_optimizer_case_is_built_from_the_generator_spec(case):
    name, suffix = case["id"].split("/")[2:]
    constants, x0 = oracles.OBJECTIVES[name]
    assert case["x0"] == x0
    assert {k: case["objective"][k] for k in constants} == constants
    if suffix.startswith("sgd_regime_lr_"):
        assert case["torch"] == {"class": "torch.optim.SGD", "args": {"lr": float(suffix.rsplit("_", 1)[1])}}
        return
    _, cls, family, extra = next(c for c in oracles.CONFIGURATIONS if c[0] == suffix)
    assert case["torch"] == {"class": f"torch.optim.{cls}",
                             "args": {"lr": oracles.LEARNING_RATES[name][family], **extra}}
    start = {"loss": abs(case["trace"]["loss"][0]), "grad": max(map(abs, case["trace"]["grad"][0])),
             "params": max(map(abs, x0))}
    rtol = case["tolerance"]["rtol"]
    assert case["tolerance"]["atol"] == {k: oracles.two_digits(rtol * max(1.0, v)) for k, v in start.items()}


SCHEDULE_CASES = by_kind("schedulers.json", lambda c: "input" not in c)


@pytest.mark.parametrize("case", SCHEDULE_CASES, ids=ids(SCHEDULE_CASES))
def test_the_closed_form_schedules_reproduce_the_trace(case):
    suffix = case["id"].rsplit("/", 1)[1]
    _, spec, ospec, steps = next(s for s in oracles.SCHEDULES if s[0] == suffix)
    assert (case["torch"], case["optimizer"], case["steps"]) == (spec, ospec, steps)
    cls = spec["class"].rsplit(".", 1)[1]
    if cls == "OneCycleLR":
        ref = [oracles.one_cycle(spec["args"], t) for t in range(steps)]
    elif cls == "CyclicLR":
        ref = [oracles.cyclic(spec["args"], t) for t in range(steps)]
    else:
        ref = [(oracles.closed_form(spec, ospec["args"]["lr"], t), None) for t in range(steps)]
    tol = case["tolerance"]
    for k, series in enumerate(case["trace"]):
        got = [r[min(k, 1)] for r in ref]
        assert not within(got, case["trace"][series], tol["rtol"], tol["atol"][series]), series
        assert tol["atol"][series] == oracles.two_digits(tol["rtol"] * 1e-3 * max(map(abs, case["trace"][series])))
    assert case["formula"] == oracles.FORMULAS[cls]


SEED_CASES = load("seed_examples.json")
VARIED_SEED_CASES = load("varied/seed_examples.json")


@pytest.mark.parametrize("case", SEED_CASES + VARIED_SEED_CASES, ids=ids(SEED_CASES + VARIED_SEED_CASES))
def test_the_plain_python_seed_reference_reproduces_the_trace(case):
    c = case["objective"].get("c")
    iterates, losses = oracles.SeedCases.reference(c, case["x0"], case["steps"], case["torch"]["args"]["lr"])
    tol = case["tolerance"]
    assert not within(iterates, case["trace"]["iterates"], tol["rtol"], tol["atol"]["iterates"])
    assert not within(losses, case["trace"]["loss"], tol["rtol"], tol["atol"]["loss"])


# ---- the varied set (oracles --vary SEED) ---------------------------------------------------------

def test_each_draw_comes_from_its_case_key_alone():
    first = oracles.redraw("1/scheduler/step_lr", lambda rng: [rng.random() for _ in range(3)])
    assert first == oracles.redraw("1/scheduler/step_lr", lambda rng: [rng.random() for _ in range(3)])
    assert first != oracles.redraw("2/scheduler/step_lr", lambda rng: [rng.random() for _ in range(3)])


def test_a_failing_draw_is_redrawn_a_bounded_number_of_times_then_names_the_case():
    tries = []

    def picky(rng):
        tries.append(rng.random())
        if len(tries) < 3:
            raise oracles.OracleError("degenerate")
        return len(tries)
    assert oracles.redraw("k", picky) == 3 and len(set(tries)) == 3
    tries.clear()

    def never(rng):
        tries.append(rng.random())
        raise oracles.OracleError("always degenerate")
    with pytest.raises(oracles.OracleError, match="k2: no valid draw in 25 attempts .last: always degenerate"):
        oracles.redraw("k2", never)
    assert len(tries) == oracles.REDRAWS == 25


def rngs(n=25):
    import random
    return [random.Random(f"test#{i}") for i in range(n)]


def plain(v):
    """A Python float or int, never a bool."""
    return isinstance(v, (int, float)) and not isinstance(v, bool)


@pytest.mark.parametrize("name", list(oracles.OBJECTIVES))
def test_drawn_objectives_are_well_posed(name):
    for rng in rngs():
        try:
            constants, x0, lam_max = oracles.draw_objective(rng, name)
        except oracles.OracleError:
            continue
        assert set(constants) == set(oracles.OBJECTIVES[name][0]) and len(x0) == len(oracles.OBJECTIVES[name][1])
        if name == "quadratic2d":
            (p, q), (q2, r) = constants["A"]
            assert q == q2 and p > 0 and p * r - q * q > 0
        if name == "least_squares":
            assert len(set(constants["data"]["x"])) >= 5 and len(constants["data"]["x"]) == len(constants["data"]["y"])
        if name in ("quadratic1d", "quadratic2d", "least_squares"):
            assert lam_max > 0


@pytest.mark.parametrize("name, suffix, family, extra", [
    (n, s, f, e) for n in oracles.OBJECTIVES for s, _, f, e in oracles.CONFIGURATIONS])
def test_drawn_optimizer_arguments_keep_the_configuration(name, suffix, family, extra):
    for rng in rngs():
        constants, _, lam_max = oracles.redraw(f"t/{name}", lambda r: oracles.draw_objective(r, name))
        args = oracles.draw_optimizer_args(rng, name, family, extra, lam_max)
        assert list(args) == ["lr", *extra] and args["lr"] > 0
        for k, v in extra.items():
            if isinstance(v, bool):
                assert args[k] is v
            elif k == "betas":
                assert all(0 < b < 1 for b in args[k]) and args[k] != v
            else:
                assert plain(args[k]) and args[k] > 0 and (k not in ("momentum", "dampening") or args[k] < 1)
        if family == "sgd" and name != "rosenbrock":
            assert args["lr"] * lam_max < (1 if name == "quadratic1d" else 2), "plain SGD stays stable"


def integers(*values):
    return all(isinstance(v, int) and not isinstance(v, bool) for v in values)


@pytest.mark.parametrize("suffix, spec, ospec, steps", oracles.SCHEDULES, ids=[s[0] for s in oracles.SCHEDULES])
def test_drawn_schedules_keep_their_kind_and_intent(suffix, spec, ospec, steps):
    for rng in rngs():
        try:
            new, o, n = oracles.draw_schedule(rng, suffix, spec, ospec, steps)
        except oracles.OracleError:
            continue
        a, pa = new["args"], spec["args"]
        assert new["class"] == spec["class"] and o["class"] == ospec["class"] and integers(n) and n > 0
        assert list(o["args"]) == list(ospec["args"]) and o["args"]["lr"] > 0
        cls = spec["class"].rsplit(".", 1)[1]
        for k in ("step_size", "T_0", "T_max", "total_iters", "step_size_up", "step_size_down", "total_steps",
                  "T_mult"):
            assert k not in a or (integers(a[k]) and a[k] >= 1), k
        for k in ("gamma", "factor"):
            assert k not in a or 0 < a[k] < 1, k
        if cls == "MultiStepLR":
            ms = a["milestones"]
            assert integers(*ms) and ms == sorted(ms) and 0 < ms[0] and ms[-1] < n and len(ms) == len(pa["milestones"])
            assert (len(set(ms)) < len(ms)) == (len(set(pa["milestones"])) < len(pa["milestones"]))
        if cls == "LinearLR":
            assert (a["start_factor"] < a["end_factor"]) == (pa["start_factor"] < pa["end_factor"])
        if cls in ("CosineAnnealingLR", "CosineAnnealingWarmRestarts"):
            assert (a["eta_min"] > 0) == (pa["eta_min"] > 0) and a["eta_min"] < o["args"]["lr"]
        if cls == "CosineAnnealingWarmRestarts":
            assert (a["T_mult"] > 1) == (pa["T_mult"] > 1)
        if cls == "PolynomialLR":
            assert a["total_iters"] < n and (a["power"] == 1.0) == (pa["power"] == 1.0)
        if cls == "OneCycleLR":
            assert {k: a.get(k) for k in ("anneal_strategy", "three_phase")} == \
                {k: pa.get(k) for k in ("anneal_strategy", "three_phase")} and n == a["total_steps"]
            assert set(a) == set(pa) and 0 < a.get("pct_start", 0.3) < 0.5
        if cls == "CyclicLR":
            assert set(a) == set(pa) and 0 < a["base_lr"] < a["max_lr"] and a["mode"] == pa["mode"]
            assert a["cycle_momentum"] == pa["cycle_momentum"]
            if a["cycle_momentum"]:
                assert 0 < a["base_momentum"] < a["max_momentum"] < 1
            assert n >= 3 * (a["step_size_up"] + a.get("step_size_down", a["step_size_up"]))
        if cls in ("SequentialLR", "ChainedScheduler"):
            assert [c["class"] for c in a["schedulers"]] == [c["class"] for c in pa["schedulers"]]
        if cls == "SequentialLR":
            assert integers(*a["milestones"]) and 0 < a["milestones"][0] < n


def regimes(cases):
    return sorted(c["analysis"]["regime"] for c in cases if "analysis" in c)


def test_the_varied_set_keeps_each_optimizer_case_intent():
    assert regimes(VARIED_OPTIMIZER_CASES) == regimes(OPTIMIZER_CASES)
    for c in VARIED_OPTIMIZER_CASES:
        assert c["id"].startswith("varied-1/optimizer/")
        assert c["diverges"] == (c.get("analysis", {}).get("regime") == "divergence"), c["id"]
        assert c["tolerance"]["rtol"] in oracles.RTOL_CHOICES


@pytest.mark.parametrize("family", [f[0] for f in oracles.SEED_FAMILIES])
def test_the_varied_seed_families_keep_their_regimes(family):
    def of(cases):
        return regimes(c for c in cases if c["id"].split("/")[2] == family)
    assert of(VARIED_SEED_CASES) == of(SEED_CASES) and len(of(SEED_CASES)) > 0


@pytest.mark.parametrize("case", VARIED_PLATEAUS, ids=ids(VARIED_PLATEAUS))
def test_each_varied_plateau_run_reduces_at_least_twice(case):
    lrs = case["trace"]["lr"]
    assert sum(1 for a, b in zip(lrs, lrs[1:]) if b < a) >= 2
    if "min_lr" in case["torch"]["args"]:
        assert lrs[-1] == case["torch"]["args"]["min_lr"]


# ---- the comparison ------------------------------------------------------------------------------

@pytest.fixture
def copy_dir(tmp_path) -> Path:
    out = tmp_path / "regenerated"
    shutil.copytree(ORACLES, out)
    return out


def rewrite(folder: Path, name: str, change) -> None:
    cases = json.loads((folder / name).read_text())
    change(cases)
    (folder / name).write_text(oracles.dumps(cases) + "\n")


def test_identical_cases_compare_as_same(copy_dir):
    ref = load("seed_examples.json")[0]
    assert oracles.compare_case(ref, copy.deepcopy(ref)) == ("same", "")


def test_a_rounding_level_difference_is_within_tolerance():
    ref = load("optimizers.json")[17]          # quadratic2d/sgd
    got = copy.deepcopy(ref)
    got["trace"]["params"][10][0] = math.nextafter(got["trace"]["params"][10][0], math.inf)
    verdict, detail = oracles.compare_case(ref, got)
    assert verdict == "within" and detail.startswith("1 numbers differ"), detail


def test_a_difference_beyond_the_series_tolerance_differs_naming_where():
    ref = load("optimizers.json")[17]
    got = copy.deepcopy(ref)
    got["trace"]["params"][10][0] *= 1 + 1e-6
    verdict, detail = oracles.compare_case(ref, got)
    assert verdict == "differ" and detail.startswith("trace.params[10][0]"), detail


def test_a_near_zero_element_is_judged_under_its_series_atol():
    ref = next(c for c in load("optimizers.json") if c["id"].endswith("sgd_regime_lr_0.25"))
    got = copy.deepcopy(ref)
    got["trace"]["grad"][1][0] = -5.6e-16
    assert oracles.compare_case(ref, got)[0] == "within"
    got["trace"]["grad"][1][0] = -2 * ref["tolerance"]["atol"]["grad"]
    assert oracles.compare_case(ref, got)[0] == "differ"


@pytest.mark.parametrize("where, change", [
    ("tolerance.rtol", lambda c: c["tolerance"].update(rtol=1e-7)),
    ("analysis.regime", lambda c: c["analysis"].update(regime="oscillation")),
    ("steps_recorded", lambda c: c.update(steps_recorded=59)),
])
def test_anything_but_a_trace_number_must_be_equal(where, change):
    ref = load("optimizers.json")[0]
    got = copy.deepcopy(ref)
    change(got)
    verdict, detail = oracles.compare_case(ref, got)
    assert verdict == "differ" and detail.startswith(where), detail


def test_an_integer_written_for_a_float_is_not_identical():
    ref = next(c for c in load("schedulers.json") if c["id"].endswith("one_cycle_cos_sgd_momentum"))
    got = copy.deepcopy(ref)
    got["derived"]["phase_end_steps"][-1] = 99
    assert oracles.compare_case(ref, got)[0] == "within"


def test_the_plateau_counters_must_match_exactly():
    ref = PLATEAUS[0]
    got = copy.deepcopy(ref)
    got["trace"]["num_bad_epochs"][5] += 1
    assert oracles.compare_case(ref, got)[0] == "differ"


def workbook_oracles(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(ENV / "workbook"), "oracles", *args], capture_output=True, text=True, timeout=120,
                          cwd=ROOT)


def test_compare_verb_reports_every_case_of_an_identical_copy(copy_dir):
    out = workbook_oracles("--compare", str(copy_dir))
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.strip().splitlines()
    assert lines[-1] == "118 identical, 0 within tolerance, 0 differ"
    assert sum(line.startswith("SAME public/") for line in lines) == 118


def test_compare_verb_fails_on_a_tampered_or_missing_case(copy_dir):
    rewrite(copy_dir, "schedulers.json", lambda cs: cs[3]["trace"]["lr"].__setitem__(7, 0.5))
    rewrite(copy_dir, "seed_examples.json", lambda cs: cs.pop())
    out = workbook_oracles("--compare", str(copy_dir))
    assert out.returncode == 1
    assert "DIFFER public/scheduler/exponential_lr trace.lr[7]: 0.5" in out.stdout
    assert "DIFFER public/seed/sin/lr_1.5 missing" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "116 identical, 0 within tolerance, 2 differ"


@pytest.mark.parametrize("args", [["--compare"], ["--regenerate", "--check"], ["--compare", "x", "--out", "y"],
                                  ["--frobnicate"], ["--vary", "1"], ["--vary", "one", "--out", "x"], ["--vary"],
                                  ["--vary", "1", "--regenerate"]])
def test_oracles_verb_rejects_bad_options_with_exit_2(args):
    out = workbook_oracles(*args)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "oracles:" in out.stderr or "usage:" in out.stderr
