"""Writes the source (instructor) versions of the graded exercise notebooks under
notebooks/exercises/source/<assignment>/, with nbgrader cell metadata. Edit an exercise here, run
`python environment/tools/grading_exercises.py`, and commit the notebooks it writes.

Cell kinds (nbgrader's names): md/code = plain, locked = read-only, answer = autograded answer
(solution region between // BEGIN SOLUTION and // END SOLUTION), test = autograder tests (read-only,
points; hidden part between // BEGIN HIDDEN TESTS and // END HIDDEN TESTS).
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "notebooks" / "exercises" / "source"

LOADING = ("*Loading the library.* In this workbook's JupyterLab (`environment/workbook lab`) the `lrlab` library, "
           "its dependencies and JUnit's assertions are already on the kernel's classpath. On any other IJava or "
           "JJava kernel, load them first with `%jars /path/to/lrlab/target/lrlab.jar` and "
           "`%jars /path/to/lrlab/target/lib/*.jar` (build them with `mvn package` in the repository).\n\n"
           "*How this exercise works.* Write your code where a cell says `not implemented yet`, replacing that line. "
           "Run the test cell below each answer: it throws with a message that says what to fix. "
           "The grader runs more (hidden) tests of the same kind, so make your code right, not just the visible cases.")


def _meta(kind: str, gid: str, points: int = 0) -> dict:
    if kind == "locked":
        return {"grade": False, "grade_id": gid, "locked": True, "schema_version": 3, "solution": False, "task": False}
    if kind == "answer":
        return {"grade": False, "grade_id": gid, "locked": False, "schema_version": 3, "solution": True, "task": False}
    if kind == "test":
        return {"grade": True, "grade_id": gid, "locked": True, "points": points, "schema_version": 3,
                "solution": False, "task": False}
    raise ValueError(kind)


def build(name: str, cells: list[tuple]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Java (lrlab)", "language": "java", "name": "java"},
                   "language_info": {"name": "java"}}
    for index, spec in enumerate(cells):
        kind, text = spec[0], spec[1].strip("\n")
        cell_id = hashlib.sha1(f"{name}:{index}".encode()).hexdigest()[:8]
        if kind == "md":
            cell = nbformat.v4.new_markdown_cell(text)
        else:
            cell = nbformat.v4.new_code_cell(text)
            if kind != "code":
                cell.metadata["nbgrader"] = _meta(kind, spec[2], spec[3] if len(spec) > 3 else 0)
        cell.id = cell_id
        nb.cells.append(cell)
    return nb


EXERCISES: dict[str, dict[str, list[tuple]]] = {}

# --- 1. seed 002: (w - 5)^2 from w0 = 0 with four rates -------------------------------------------
EXERCISES.setdefault("lr_basics", {})["01_four_rates"] = [
    ("md", r"""
# Exercise 1: four learning rates on $L(w) = (w-5)^2$

Gradient descent on $L(w) = (w-5)^2$ starts at $w_0 = 0$ and takes 10 steps $w_{t+1} = w_t - \eta\,L'(w_t)$ with
$L'(w) = 2(w-5)$, once for each of $\eta \in \{0.1, 0.5, 1.0, 1.5\}$. You compute the trajectories yourself, plot
them, and decide which rates converge and why.

""" + LOADING),
    ("locked", """
import java.util.*;
import lrlab.objective.Quadratic;
import lrlab.trace.GradientDescent;
import lrlab.display.Plots;
import static lrlab.display.Show.*;
import static org.junit.jupiter.api.Assertions.*;
""", "imports"),
    ("md", r"""
## 1a. The trajectory (2 points)

Complete `trajectory(lr, steps)`: it returns the array $w_0, w_1, \dots, w_{steps}$ (length `steps + 1`) of gradient
descent on $L(w) = (w-5)^2$ from $w_0 = 0$. Write the loop yourself (no library call).
"""),
    ("answer", """
/** w_0, ..., w_steps of gradient descent on L(w) = (w - 5)^2 from w_0 = 0 with learning rate lr. */
double[] trajectory(double lr, int steps) {
    double[] w = new double[steps + 1];
    // BEGIN SOLUTION
    for (int t = 0; t < steps; t++) {
        w[t + 1] = w[t] - lr * 2 * (w[t] - 5);
    }
    return w;
    // END SOLUTION
}
""", "trajectory"),
    ("test", """
double[] w01 = trajectory(0.1, 10);
assertEquals(11, w01.length, "trajectory(lr, 10) must hold w_0 .. w_10, so 11 values");
assertEquals(0.0, w01[0], 1e-12, "w_0 must be the start, 0");
assertEquals(1.0, w01[1], 1e-12, "w_1 = w_0 - 0.1 * 2 * (w_0 - 5) = 1 for lr = 0.1");
// BEGIN HIDDEN TESTS
for (double lr : new double[] {0.1, 0.5, 1.0, 1.5, 0.37}) {
    double[] expected = GradientDescent.on(Quadratic.shifted(5)).from(0).steps(10).divergenceBound(1e300).run(lr).ws();
    assertArrayEquals(expected, trajectory(lr, 10), 1e-9, "trajectory for lr = " + lr);
}
assertEquals(4, trajectory(0.5, 3).length, "trajectory(lr, 3) must have 4 values");
// END HIDDEN TESTS
""", "test_trajectory", 2),
    ("md", r"""
## 1b. The picture

The library draws the same four runs (its trajectories should match yours): the loss by step on a log scale.
"""),
    ("locked", """
var runs = GradientDescent.on(Quadratic.shifted(5)).from(0).steps(10).sweep(0.1, 0.5, 1.0, 1.5);
table(runs.summary());
Plots.show(Plots.lossByStep(runs.table()).logY());
""", "plot"),
    ("md", r"""
## 1c. Which rates converge? (2 points)

Complete `converges(lr)`: true exactly when gradient descent on $L(w) = (w-5)^2$ converges to $w^* = 5$ from any start.
Decide from the error recursion $w_{t+1} - 5 = (1 - 2\eta)(w_t - 5)$, not by running it. Then say in a markdown cell of
your own why $\eta = 1.0$ does not converge although the loss never grows.
"""),
    ("answer", """
/** True when gradient descent on (w - 5)^2 converges to 5 with this learning rate. */
boolean converges(double lr) {
    // BEGIN SOLUTION
    return Math.abs(1 - 2 * lr) < 1;
    // END SOLUTION
}
""", "converges"),
    ("test", """
assertTrue(converges(0.1), "lr = 0.1: the error shrinks by |1 - 0.2| = 0.8 per step, so it converges");
assertFalse(converges(1.5), "lr = 1.5: the error grows by |1 - 3| = 2 per step, so it diverges");
// BEGIN HIDDEN TESTS
assertTrue(converges(0.5), "lr = 0.5 lands on 5 in one step");
assertFalse(converges(1.0), "lr = 1.0: |1 - 2| = 1, w jumps between 0 and 10 forever");
assertTrue(converges(0.999), "lr = 0.999 converges (slowly, zig-zagging)");
assertFalse(converges(0.0), "lr = 0 never moves");
assertFalse(converges(-0.1), "a negative rate climbs");
// END HIDDEN TESTS
""", "test_converges", 2),
]

# --- 2. stability limit and one-step rate of another quadratic ------------------------------------
EXERCISES["lr_basics"]["02_stability_limit"] = [
    ("md", r"""
# Exercise 2: stability limit and one-step rate of $L(w) = 2(w+1)^2$

Write the loss as $L(w) = \frac{a}{2}(w - w^*)^2$: here $a = 4$ and $w^* = -1$. Gradient descent multiplies the error by
$1 - \eta a$ every step. Derive, then verify by running it, the **stability limit** (the largest rate below which it
converges) and the **one-step rate** (the rate that lands on $w^*$ in one step).

""" + LOADING),
    ("locked", """
import lrlab.objective.Quadratic;
import lrlab.trace.GradientDescent;
import static lrlab.display.Show.*;
import static org.junit.jupiter.api.Assertions.*;

var loss = Quadratic.of(4.0, -1.0);   // L(w) = 4/2 (w + 1)^2
""", "setup"),
    ("md", r"""
## 2a. The formulas (3 points)

Complete the three methods for a general curvature $a > 0$: the per-step error factor $1 - \eta a$, the stability
limit, and the one-step rate. (Do not call the library's `Quadratic` methods: derive them.)
"""),
    ("answer", """
/** The factor the error w_t - w* is multiplied by in one step: 1 - lr * a. */
double errorFactor(double lr, double a) {
    // BEGIN SOLUTION
    return 1 - lr * a;
    // END SOLUTION
}
""", "error_factor"),
    ("answer", """
/** The supremum of the rates for which gradient descent converges on a/2 (w - w*)^2. */
double stabilityLimit(double a) {
    // BEGIN SOLUTION
    return 2 / a;
    // END SOLUTION
}
""", "stability_limit"),
    ("answer", """
/** The rate that reaches w* in exactly one step. */
double oneStepRate(double a) {
    // BEGIN SOLUTION
    return 1 / a;
    // END SOLUTION
}
""", "one_step_rate"),
    ("test", """
assertEquals(0.6, errorFactor(0.1, 4.0), 1e-12, "errorFactor(0.1, 4) = 1 - 0.1 * 4 = 0.6");
assertEquals(0.5, stabilityLimit(4.0), 1e-12, "for a = 4 the factor 1 - 4 lr reaches -1 at lr = 0.5");
assertEquals(0.25, oneStepRate(4.0), 1e-12, "for a = 4 the factor 1 - 4 lr is 0 at lr = 0.25");
// BEGIN HIDDEN TESTS
for (double a : new double[] {0.5, 1.0, 3.0, 10.0}) {
    var q = Quadratic.of(a, 2.0);
    assertEquals(q.stabilityLimit(), stabilityLimit(a), 1e-12, "stabilityLimit(" + a + ")");
    assertEquals(q.optimalLr(), oneStepRate(a), 1e-12, "oneStepRate(" + a + ")");
    assertEquals(1 - 0.3 * a, errorFactor(0.3, a), 1e-12, "errorFactor(0.3, " + a + ")");
}
// END HIDDEN TESTS
""", "test_formulas", 3),
    ("md", r"""
## 2b. Verify it by running (2 points)

Complete `measuredFactor(lr)`: run gradient descent on `loss` from $w_0 = 3$ for 5 steps with `GradientDescent` and return
the measured ratio $(w_5 - w^*)/(w_4 - w^*)$. It should equal your `errorFactor(lr, 4)`.
"""),
    ("answer", """
/** (w_5 - w*) / (w_4 - w*) measured on a run of 5 steps from w_0 = 3. */
double measuredFactor(double lr) {
    // BEGIN SOLUTION
    var run = GradientDescent.on(loss).from(3.0).steps(5).run(lr);
    return (run.w(5) - loss.minimizer()) / (run.w(4) - loss.minimizer());
    // END SOLUTION
}
""", "measured"),
    ("test", """
assertEquals(errorFactor(0.1, 4.0), measuredFactor(0.1), 1e-9, "the measured factor for lr = 0.1 should be 0.6");
// BEGIN HIDDEN TESTS
for (double lr : new double[] {0.05, 0.2, 0.3, 0.45, 0.55}) {
    assertEquals(1 - 4 * lr, measuredFactor(lr), 1e-9, "measured factor for lr = " + lr);
}
// END HIDDEN TESTS
table(GradientDescent.on(loss).from(3.0).steps(5).sweep(0.1, 0.25, 0.45, 0.55).summary());
""", "test_measured", 2),
]

# --- 3. a schedule: linear warmup, then step decay ---------------------------------------------------
EXERCISES.setdefault("schedules", {})["03_warmup_step_decay"] = [
    ("md", r"""
# Exercise 3: linear warmup, then step decay

A learning-rate schedule is a function of the step number $t = 0, 1, 2, \dots$. Like `torch.optim.lr_scheduler.LambdaLR`,
we write it as a **factor** $f(t)$ that multiplies the base rate: $\eta_t = \eta_0\, f(t)$. Write the schedule

$$f(t) = \begin{cases} \dfrac{t+1}{W} & t < W \quad\text{(linear warmup over } W \text{ steps)}\\[4pt]
\gamma^{\lfloor (t - W)/s \rfloor} & t \ge W \quad\text{(step decay by } \gamma \text{ every } s \text{ steps)}\end{cases}$$

as a `java.util.function.IntToDoubleFunction`, the same type the library's `Schedulers.lambdaLR(optimizer, f)` takes
(the hidden tests drive `lambdaLR` with your function).

""" + LOADING),
    ("locked", """
import java.util.function.IntToDoubleFunction;
import lrlab.objective.Quadratic;
import static lrlab.display.Show.*;
import static org.junit.jupiter.api.Assertions.*;
""", "imports"),
    ("md", "## 3a. The schedule (4 points)\n\nReject bad arguments with an `IllegalArgumentException` that names the argument and its value."),
    ("answer", """
/** f(t) = (t + 1) / warmup for t < warmup, then gamma^floor((t - warmup) / stepSize). */
IntToDoubleFunction warmupStepDecay(int warmup, int stepSize, double gamma) {
    // BEGIN SOLUTION
    if (warmup < 1) throw new IllegalArgumentException("warmup must be >= 1, got " + warmup);
    if (stepSize < 1) throw new IllegalArgumentException("stepSize must be >= 1, got " + stepSize);
    if (!(gamma > 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
    return t -> t < warmup ? (t + 1) / (double) warmup : Math.pow(gamma, Math.floorDiv(t - warmup, stepSize));
    // END SOLUTION
}
""", "schedule"),
    ("test", """
var f = warmupStepDecay(4, 10, 0.5);
assertEquals(0.25, f.applyAsDouble(0), 1e-12, "f(0) = (0 + 1) / 4 with warmup 4");
assertEquals(1.0, f.applyAsDouble(3), 1e-12, "f(3) = 4 / 4: the warmup reaches the base rate at its last step");
assertEquals(1.0, f.applyAsDouble(13), 1e-12, "f(13) = 0.5^floor(9 / 10) = 1: no decay yet");
assertEquals(0.5, f.applyAsDouble(14), 1e-12, "f(14) = 0.5^floor(10 / 10) = 0.5: the first decay");
// BEGIN HIDDEN TESTS
var g = warmupStepDecay(1, 3, 0.1);
double[] expected = {1, 1, 1, 1, 0.1, 0.1, 0.1, 0.01};
for (int t = 0; t < expected.length; t++) {
    assertEquals(expected[t], g.applyAsDouble(t), 1e-12, "warmup 1, stepSize 3, gamma 0.1 at t = " + t);
}
assertEquals(Math.pow(0.5, 9), f.applyAsDouble(4 + 95), 1e-15, "f(99) with warmup 4, stepSize 10, gamma 0.5");
// the library's LambdaLR scheduler, driven by your factor, gives the same rates
var sched = lrlab.schedule.Schedulers.lambdaLR(lrlab.optim.Optimizers.sgd(0.1).build(), warmupStepDecay(4, 10, 0.5));
for (int t = 0; t < 30; t++, sched.step()) {
    assertEquals(0.1 * f.applyAsDouble(t), sched.lastLr(), 1e-12, "lambdaLR with your schedule at step " + t);
}
assertThrows(IllegalArgumentException.class, () -> warmupStepDecay(0, 10, 0.5), "warmup 0 must be rejected");
assertThrows(IllegalArgumentException.class, () -> warmupStepDecay(4, 0, 0.5), "stepSize 0 must be rejected");
assertThrows(IllegalArgumentException.class, () -> warmupStepDecay(4, 10, 1.5), "gamma 1.5 must be rejected");
// END HIDDEN TESTS
""", "test_schedule", 4),
    ("md", r"""
## 3b. Using it (2 points)

Complete `train(base, f, steps)`: gradient descent on $L(w) = 10(w-1)^2$ (curvature $a = 20$, stability limit $0.1$) from
$w_0 = 0$, where step $t$ uses the rate $\eta_t = \texttt{base}\cdot f(t)$; return the final $w$. With base rate $0.12$
(above the limit!) the warmup and decay still bring it home.
"""),
    ("locked", """
Quadratic loss = Quadratic.of(20.0, 1.0);   // L(w) = 10 (w - 1)^2, L'(w) = 20 (w - 1)
""", "loss"),
    ("answer", """
/** w after `steps` steps of gradient descent on `loss` from 0 with the rate base * f(t) at step t. */
double train(double base, IntToDoubleFunction f, int steps) {
    double w = 0.0;
    // BEGIN SOLUTION
    for (int t = 0; t < steps; t++) {
        w -= base * f.applyAsDouble(t) * loss.derivative(w);
    }
    return w;
    // END SOLUTION
}
""", "train"),
    ("test", """
assertEquals(0.0 - 0.12 * 0.25 * loss.derivative(0.0), train(0.12, warmupStepDecay(4, 10, 0.5), 1), 1e-12,
        "one step: w_1 = 0 - 0.12 * f(0) * L'(0)");
// BEGIN HIDDEN TESTS
assertEquals(1.0, train(0.12, warmupStepDecay(4, 10, 0.5), 200), 1e-6, "200 steps with warmup and decay converge to 1");
assertEquals(1.0 - Math.pow(1 - 0.05 * 20, 1), train(0.05, t -> 1.0, 1), 1e-12, "constant schedule, one step");
// END HIDDEN TESTS
""", "test_train", 2),
]

# --- 4. diagnose recorded runs ------------------------------------------------------------------------
EXERCISES.setdefault("diagnosis", {})["04_diagnose_runs"] = [
    ("md", r"""
# Exercise 4: diagnose three recorded runs

Below are the loss curves of three training runs on one problem. One used a rate that is **too high**, one a rate that
is **too low**, one a rate that is **fine**. Write a rule that tells them apart from the losses alone, the way you would
read a training curve.

""" + LOADING),
    ("locked", """
import java.util.*;
import lrlab.objective.Quadratic;
import lrlab.trace.GradientDescent;
import lrlab.display.Plots;
import static lrlab.display.Show.*;
import static org.junit.jupiter.api.Assertions.*;

var problem = Quadratic.of(3.0, 2.0);
var runs = GradientDescent.on(problem).from(-4.0).steps(30).sweep(0.003, 0.3, 0.7);
double[] runA = runs.get(2).losses(), runB = runs.get(0).losses(), runC = runs.get(1).losses();
Plots.show(Plots.lossByStep(runs.table()).logY());
""", "runs"),
    ("md", r"""
## 4a. The rule (4 points)

Complete `diagnose(losses)`: return `"too high"` when the loss ends higher than it started (or is not finite),
`"too low"` when it fell by less than 90 % of its start value, and `"fine"` otherwise.
"""),
    ("answer", """
/** "too high", "too low" or "fine" for a loss curve losses[0..n]. */
String diagnose(double[] losses) {
    // BEGIN SOLUTION
    double first = losses[0], last = losses[losses.length - 1];
    if (!Double.isFinite(last) || last > first) return "too high";
    if (last > 0.1 * first) return "too low";
    return "fine";
    // END SOLUTION
}
""", "diagnose"),
    ("test", """
assertEquals("too high", diagnose(runA), "run A: its loss grows every step");
// BEGIN HIDDEN TESTS
assertEquals("too low", diagnose(runB), "run B: its loss has barely moved after 30 steps");
assertEquals("fine", diagnose(runC), "run C: its loss fell by orders of magnitude");
assertEquals("too high", diagnose(new double[] {1, 2, Double.POSITIVE_INFINITY}), "a loss that overflows");
assertEquals("too high", diagnose(new double[] {1, 0.5, Double.NaN}), "a NaN loss");
assertEquals("too low", diagnose(new double[] {10, 9, 8.5}), "a loss that fell by 15 %");
assertEquals("fine", diagnose(new double[] {10, 3, 0.5}), "a loss that fell by 95 %");
// END HIDDEN TESTS
""", "test_diagnose", 4),
    ("md", r"""
## 4b. Suggest a better rate (2 points)

Complete `suggest(lr, losses)`: for a run diagnosed `"too high"` return `lr / 10`, for `"too low"` return `lr * 10`,
for `"fine"` return `lr` unchanged.
"""),
    ("answer", """
double suggest(double lr, double[] losses) {
    // BEGIN SOLUTION
    return switch (diagnose(losses)) {
        case "too high" -> lr / 10;
        case "too low" -> lr * 10;
        default -> lr;
    };
    // END SOLUTION
}
""", "suggest"),
    ("test", """
assertEquals(0.07, suggest(0.7, runA), 1e-12, "run A was too high: 0.7 / 10");
// BEGIN HIDDEN TESTS
assertEquals(0.03, suggest(0.003, runB), 1e-12, "run B was too low: 0.003 * 10");
assertEquals(0.3, suggest(0.3, runC), 1e-12, "run C was fine");
// END HIDDEN TESTS
""", "test_suggest", 2),
]


# --- 5. the LR finder on a given model, and a justified choice ----------------------------------------
EXERCISES.setdefault("finder", {})["05_lr_finder"] = [
    ("md", r"""
# Exercise 5: use the LR finder and justify a rate

The **learning-rate finder** (Smith 2017; fastai's `lr_find`) trains for a few dozen mini-batches while it raises the rate
geometrically from tiny to huge, and records the (smoothed) loss at each rate. The loss first hardly moves (rate too
small), then falls fast, then turns up and explodes (rate too large). A good rate sits where the loss still falls
steeply, well before the minimum of the curve: fastai suggests the *steepest* point, the *valley*, or the rate at the
minimum divided by ten.

The model: a small MLP (64 → 32 ReLU → 10, softmax cross-entropy) on the digits data set (1797 scanned handwritten
digits, 8 × 8 pixels, split 80/20 and standardized), trained with plain SGD in mini-batches of 32.

""" + LOADING),
    ("locked", """
import java.util.*;
import lrlab.data.*;
import lrlab.model.Mlp;
import lrlab.optim.Optimizers;
import lrlab.train.Trainer;
import lrlab.find.*;
import lrlab.display.*;
import static lrlab.display.Show.*;
import static org.junit.jupiter.api.Assertions.*;
""", "imports"),
    ("locked", """
var split = Datasets.digits().split(0.8, 0).standardize();
var model = Mlp.of(split.train(), 32);

/** Final validation loss after 3 epochs of SGD (batch 32) with this rate. */
double valLossAfter3Epochs(double lr, long seed) {
    return Trainer.of(model, Optimizers.sgd(lr).build()).epochs(3).batchSize(32).seed(seed)
            .validation(split.validation()).fit().finalValLoss();
}
""", "setup"),
    ("md", r"""
## 5a. Run the finder (2 points)

Complete `runFinder()`: run `LrFinder` on `model` with an SGD optimizer (`Optimizers.sgd(1e-3).build()`; the finder
overrides its rate), rates from $10^{-5}$ to $10$ over 100 iterations, seed 0, starting from `model.initialParams(0)`,
and return its result. The test cell then draws the curve and lists the three suggestions.
"""),
    ("answer", """
/** The LR finder's result for `model`: SGD, rates 1e-5 .. 10, 100 iterations, seed 0, from model.initialParams(0). */
LrFinderResult runFinder() {
    // BEGIN SOLUTION
    return LrFinder.of(model, Optimizers.sgd(1e-3).build())
            .range(1e-5, 10).iterations(100).seed(0)
            .run(model.initialParams(0));
    // END SOLUTION
}
""", "finder"),
    ("test", """
var found = runFinder();
assertNotNull(found, "runFinder() must return the finder's result, not null");
assertEquals(1e-5, found.lrs()[0], 1e-12, "the first rate tried must be the start of the range, 1e-5: use .range(1e-5, 10)");
assertTrue(found.iterations() > 50, "the finder ran only " + found.iterations() + " iterations: use .iterations(100)");
// BEGIN HIDDEN TESTS
var expected = LrFinder.of(model, Optimizers.sgd(1e-3).build()).range(1e-5, 10).iterations(100).seed(0)
        .run(model.initialParams(0));
assertEquals(expected.iterations(), found.iterations(), "iterations run with range 1e-5 .. 10, 100 iterations, seed 0");
assertArrayEquals(expected.lrs(), found.lrs(), 1e-12, "the rates tried (range 1e-5 .. 10 over 100 iterations)");
assertArrayEquals(expected.losses(), found.losses(), 1e-9,
        "the losses differ: use seed 0, batch size 32 (the default) and model.initialParams(0)");
// END HIDDEN TESTS
""", "test_finder", 2),
    ("md", "The finder's curve (raw and smoothed loss against the rate) and its three suggestions:"),
    ("locked", """
Plots.show(FinderChart.of("LR finder: MLP on digits", found).figure());
table(found.suggestions());
""", "finder_chart"),
    ("md", r"""
## 5b. Choose a rate (3 points)

Complete `chooseRate(result)`: return the rate you would train with, read off the finder's result (you may use its
suggestions, or compute your own from `result.lrs()` and `result.smoothedLosses()`). The grader trains the model with
your rate for 3 epochs of SGD and expects the validation loss to fall below 0.35, and expects the rate to lie in the
band the finder's suggestions span (from half the smallest suggestion to twice the largest). You can try rates with
`valLossAfter3Epochs(lr, seed)` from the setup cell, e.g. in a cell of your own.
"""),
    ("answer", """
/** The learning rate to train `model` with, chosen from the finder's result. */
double chooseRate(LrFinderResult result) {
    // BEGIN SOLUTION
    return result.minimumOverTen();
    // END SOLUTION
}
""", "choose"),
    ("test", """
double chosen = chooseRate(found);
assertTrue(Double.isFinite(chosen) && chosen > 0, "chooseRate must return a positive, finite rate, got " + chosen);
markdown("Your rate: " + chosen + "; validation loss after 3 epochs: " + valLossAfter3Epochs(chosen, 0));
// BEGIN HIDDEN TESTS
double[] suggested = {found.steepest(), found.valley(), found.minimumOverTen()};
double low = Arrays.stream(suggested).min().getAsDouble() / 2, high = 2 * Arrays.stream(suggested).max().getAsDouble();
assertTrue(chosen >= low && chosen <= high, "your rate " + chosen + " is outside the band the finder suggests, ["
        + low + ", " + high + "]: pick a rate where the smoothed loss still falls steeply, before its minimum");
for (long seed : new long[] {0, 1}) {
    double v = valLossAfter3Epochs(chosen, seed);
    assertTrue(v < 0.35, "with your rate " + chosen + " the validation loss after 3 epochs (seed " + seed + ") is " + v
            + ", not below 0.35: too small a rate learns too slowly, too large a rate overshoots");
}
// END HIDDEN TESTS
""", "test_choose", 3),
    ("md", r"""
## 5c. Justify it (1 point)

Complete `justification()`: one line (no line break, at least 20 characters) that says why your rate is a good choice, in
terms of the finder's curve (where the loss falls steeply, the valley, the minimum, where it diverges, ...).
"""),
    ("answer", """
String justification() {
    // BEGIN SOLUTION
    return "The smoothed loss still falls steeply at a tenth of the rate of its minimum, well before it turns up and diverges.";
    // END SOLUTION
}
""", "justify"),
    ("test", """
String why = justification();
assertNotNull(why, "justification() must return your sentence, not null");
assertFalse(why.strip().contains("\\n"), "keep the justification to one line (no line break)");
assertTrue(why.strip().length() >= 20, "write a full sentence of at least 20 characters, got: \\"" + why + "\\"");
// BEGIN HIDDEN TESTS
String lower = why.toLowerCase(Locale.ROOT);
assertTrue(List.of("steep", "valley", "minimum", "diverg", "fall", "drop", "decreas", "slope", "explod", "blow", "rise", "turn")
        .stream().anyMatch(lower::contains),
        "say how your rate relates to the finder's curve (where the loss falls steeply, the valley, the minimum, divergence)");
// END HIDDEN TESTS
""", "test_justify", 1),
]

# --- 6. rates for SGD and Adam on a real data set within a budget ---------------------------------------
def rate_choice(section, label, key, method, factory, conditions, solution, hint):
    """The three cells that ask for one optimizer's rate: the task, the graded answer and its test
    (visible: the rate is sane; hidden: seeds 0 and 1 reach the target after 3 epochs)."""
    return [
        ("md", f"""
## {section}. A rate for {label} (3 points)

Complete `{method}()`. The grader trains with `{factory}({method}()).build()` ({conditions}) and expects
a validation loss below 0.3 after 3 epochs.
"""),
        ("answer", f"""
double {method}() {{
    // BEGIN SOLUTION
    return {solution};
    // END SOLUTION
}}
""", f"{key}_rate"),
        ("test", f"""
double {key}Lr = {method}();
assertTrue(Double.isFinite({key}Lr) && {key}Lr > 0, "{method}() must be a positive, finite rate, got " + {key}Lr);
markdown("{label} with lr " + {key}Lr + ": validation loss " + valLoss({factory}({key}Lr).build(), 0) + " (target < 0.3)");
// BEGIN HIDDEN TESTS
for (long seed : new long[] {{0, 1}}) {{
    double v = valLoss({factory}({key}Lr).build(), seed);
    assertTrue(v < TARGET, "{label} with lr " + {key}Lr + " reaches validation loss " + v + " after 3 epochs (seed " + seed
            + "), not below 0.3: {hint});
}}
// END HIDDEN TESTS
""", f"test_{key}_rate", 3),
    ]


EXERCISES.setdefault("tuning", {})["06_sgd_and_adam"] = [
    ("md", r"""
# Exercise 6: rates for SGD and Adam within a budget

The digits data set (1797 scanned handwritten digits, 8 × 8 pixels, 10 classes) is split 80/20 into training and
validation data and standardized. The model is a small MLP (64 → 32 ReLU → 10, softmax cross-entropy). The **budget** is
3 epochs of mini-batches of 32. Find one learning rate for plain **SGD** and one for **Adam** that each reach a
validation loss **below 0.3** within the budget.

The same rate does not serve both: Adam divides each step by a running root-mean-square of the gradient, so its step
size is roughly the rate itself, whatever the gradient's scale.

""" + LOADING),
    ("locked", """
import java.util.*;
import lrlab.data.*;
import lrlab.model.Mlp;
import lrlab.optim.*;
import lrlab.train.Trainer;
import static lrlab.display.Show.*;
import static org.junit.jupiter.api.Assertions.*;
""", "imports"),
    ("locked", """
var split = Datasets.digits().split(0.8, 0).standardize();
var model = Mlp.of(split.train(), 32);
int EPOCHS = 3;
double TARGET = 0.3;
""", "data"),
    ("locked", """
/** Final validation loss after the budget (3 epochs, batch 32) with this optimizer; +Infinity if it diverged. */
double valLoss(Optimizer optimizer, long seed) {
    var result = Trainer.of(model, optimizer).epochs(EPOCHS).batchSize(32).seed(seed).validation(split.validation()).fit();
    return result.diverged() ? Double.POSITIVE_INFINITY : result.finalValLoss();
}
""", "setup"),
    ("md", r"""
## Try some rates

Use this cell to experiment: it trains with a few rates on a log grid and lists the validation losses. Change the grid
as you like (this cell is not graded).
"""),
    ("code", """
var sb = new StringBuilder("| lr | SGD val loss | Adam val loss |\\n|---|---|---|\\n");
for (double lr : new double[] {0.001, 0.01, 0.1, 1.0}) {
    sb.append(String.format(Locale.ROOT, "| %g | %.4f | %.4f |%n", lr,
            valLoss(Optimizers.sgd(lr).build(), 0), valLoss(Optimizers.adam(lr).build(), 0)));
}
markdown(sb.toString());
"""),
    # hint: the rest of the failure message, as Java source after `"), not below 0.3: `
    *rate_choice("6a", "SGD", "sgd", "sgdRate", "Optimizers.sgd", "seeds 0 and 1", "0.3",
                 '" + (Double.isFinite(v) && v > 1 ? "try a larger rate" : "try another rate on the grid")'),
    *rate_choice("6b", "Adam", "adam", "adamRate", "Optimizers.adam", "default betas 0.9, 0.999; seeds 0 and 1", "0.01",
                 'Adam\'s good rates are much smaller than SGD\'s, try 10x less or more"'),
]

def write_all(dest: Path = SOURCE) -> list[Path]:
    """Writes every exercise to dest/<assignment>/<name>.ipynb (default: the committed source folder)."""
    written = []
    for assignment, notebooks in EXERCISES.items():
        for name, cells in notebooks.items():
            path = dest / assignment / f"{name}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(build(f"{assignment}/{name}", cells), path)
            written.append(path)
    return written


if __name__ == "__main__":
    for p in write_all():
        print(p.relative_to(ROOT))
    sys.exit(0)
