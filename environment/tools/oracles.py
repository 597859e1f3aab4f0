"""Generator of the project's PyTorch oracle traces (lib-src/test/resources/oracles), and a comparison of
two sets of them.

    python oracles.py generate --out DIR        # needs torch (environment/workbook oracles --regenerate)
    python oracles.py compare REFERENCE_DIR DIR  # plain Python: case by case, within each case's tolerance

`generate` writes optimizers.json, schedulers.json and seed_examples.json exactly as the oracle README
describes them (schema, conventions, tolerances): every case is built in torch from its own spec, run
through the standard torch loop in float64 on one thread, and recomputed by an independent plain-Python
reference (textbook update rules with hand-derived gradients, closed-form schedules, a re-implementation
of ReduceLROnPlateau's state machine) whose disagreement with torch sets the case's rtol. Any broken
promise of the README (a reference further from torch than the tolerances allow, a plateau metric too
close to its threshold, torch.optim.SGD not reproducing a hand-written seed update, a NaN) stops the
generator with the case named. Numbers are written with Python's shortest round-trip repr.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from fractions import Fraction
from pathlib import Path

FILES = ("optimizers.json", "schedulers.json", "seed_examples.json")
TORCH_VERSION = "2.13.0"
RTOL_CHOICES = (1e-9, 1e-7)     # the smallest that is at least 100x the measured disagreement
DIVERGENCE_BOUND = 1e6          # a run is cut after the first step with some |x_i| above this


class OracleError(Exception):
    """A promise of the oracle README that the generated data would break."""


# --------------------------------------------------------------------------------------------------
# JSON: two-space indentation, a list of scalars on one line, shortest round-trip numbers, no NaN/Inf
# --------------------------------------------------------------------------------------------------

def dumps(value, indent: int = 0) -> str:
    """The oracle files' layout: objects one key a line, a list of scalars inline, a list of lists
    one inner list a line; floats as Python's shortest repr (json refuses NaN and Infinity)."""
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{pad}  {json.dumps(k)}: {dumps(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if all(not isinstance(v, (list, dict)) for v in value):
            return "[" + ", ".join(dumps(v) for v in value) + "]"
        return "[\n" + ",\n".join(pad + "  " + dumps(v, indent + 1) for v in value) + "\n" + pad + "]"
    return json.dumps(value, allow_nan=False)


def write(path: Path, cases: list[dict]) -> None:
    ids = [c["id"] for c in cases]
    if len(set(ids)) != len(ids):
        raise OracleError(f"{path.name}: duplicate case ids")
    path.write_text(dumps(cases) + "\n")


def two_digits(x: float) -> float:
    """An absolute tolerance written with two significant digits (1.55e-7 -> 1.5e-07)."""
    return float("%.2g" % x)


def exact(x: float) -> Fraction:
    """The decimal a case states (0.1 is one tenth), as an exact rational."""
    return Fraction(repr(x))


def choose_rtol(disagreement: float, what: str) -> float:
    for rtol in RTOL_CHOICES:
        if 100 * disagreement <= rtol:
            return rtol
    raise OracleError(f"{what}: torch and the plain-Python reference disagree by {disagreement:.3g}, "
                      f"too much for rtol {RTOL_CHOICES[-1]:g}")


def disagreement(got: list[float], ref: list[float], scale: float) -> float:
    """Largest |got - ref| / (|got| + scale): the rtol that the tolerance rule with atol = rtol*scale needs."""
    worst = 0.0
    for g, r in zip(got, ref):
        if not (math.isfinite(g) and math.isfinite(r)):
            raise OracleError(f"non-finite value {g} / {r}")
        worst = max(worst, abs(g - r) / (abs(g) + scale))
    return worst


def flat(rows: list) -> list[float]:
    return [v for r in rows for v in r] if rows and isinstance(rows[0], list) else list(rows)


# --------------------------------------------------------------------------------------------------
# Regime analysis, decided exactly on the decimal values
# --------------------------------------------------------------------------------------------------

def regime(lr_times_a: Fraction) -> str:
    if lr_times_a <= 0:
        raise OracleError(f"lr*a = {lr_times_a} must be > 0")
    if lr_times_a < 1:
        return "monotone-convergence"
    if lr_times_a == 1:
        return "one-step"
    if lr_times_a < 2:
        return "zig-zag-convergence"
    return "oscillation" if lr_times_a == 2 else "divergence"


def quadratic_analysis(lr: float, a: float) -> dict:
    """a, 2/a, 1/a, lr*a, 1 - lr*a and the regime, from the exact decimals of lr and a."""
    qa, q = exact(a), exact(lr) * exact(a)
    return {"a": a, "stability_limit_lr": float(2 / qa), "optimal_lr": float(1 / qa),
            "lr_times_a": float(q), "contraction_factor": float(1 - q), "regime": regime(q)}


# --------------------------------------------------------------------------------------------------
# Optimizer cases
# --------------------------------------------------------------------------------------------------

LS_DATA = {"x": [-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0],
           "y": [-2.38, -1.81, -0.45, 0.72, 1.33, 2.58, 3.46, 4.69]}

# objective name -> (spec constants, x0); the facts (minimiser, eigenvalues, ...) are computed
OBJECTIVES = {
    "quadratic1d": ({"formula": "L(w) = 0.5*a*(w - w_star)^2", "gradient": "a*(w - w_star)",
                     "a": 4.0, "w_star": 1.5}, [-2.0]),
    "quadratic2d": ({"formula": "L(x) = 0.5*x^T A x - b^T x", "gradient": "A x - b",
                     "A": [[10.0, 2.0], [2.0, 1.0]], "b": [2.0, 1.0]}, [-2.0, 3.0]),
    "rosenbrock": ({"formula": "f(x, y) = (1 - x)^2 + 100*(y - x^2)^2",
                    "gradient": "[-2*(1 - x) - 400*x*(y - x^2), 200*(y - x^2)]"}, [-1.5, 2.0]),
    "least_squares": ({"formula": "L(w, b) = mean_i((w*x_i + b - y_i)^2); params = [w, b]",
                       "gradient": "[2*mean(r_i*x_i), 2*mean(r_i)] with r_i = w*x_i + b - y_i",
                       "data": LS_DATA}, [0.0, 0.0]),
}

# learning rate per objective and optimizer family (sgd_momentum: SGD with momentum)
LEARNING_RATES = {
    "quadratic1d": {"sgd": 0.1, "sgd_momentum": 0.05, "adagrad": 1.0, "rmsprop": 0.02, "adam": 0.1},
    "quadratic2d": {"sgd": 0.15, "sgd_momentum": 0.02, "adagrad": 0.5, "rmsprop": 0.02, "adam": 0.1},
    "rosenbrock": {"sgd": 0.001, "sgd_momentum": 0.0002, "adagrad": 0.5, "rmsprop": 0.01, "adam": 0.1},
    "least_squares": {"sgd": 0.3, "sgd_momentum": 0.05, "adagrad": 0.5, "rmsprop": 0.02, "adam": 0.1},
}

# (name, torch class, lr family, extra arguments in the order they are written)
CONFIGURATIONS = [
    ("sgd", "SGD", "sgd", {}),
    ("sgd_momentum", "SGD", "sgd_momentum", {"momentum": 0.9}),
    ("sgd_momentum_dampening", "SGD", "sgd_momentum", {"momentum": 0.9, "dampening": 0.1}),
    ("sgd_nesterov", "SGD", "sgd_momentum", {"momentum": 0.9, "nesterov": True}),
    ("sgd_weight_decay", "SGD", "sgd", {"weight_decay": 0.01}),
    ("sgd_momentum_weight_decay", "SGD", "sgd_momentum", {"momentum": 0.9, "weight_decay": 0.01}),
    ("adagrad", "Adagrad", "adagrad", {}),
    ("adagrad_lr_decay", "Adagrad", "adagrad", {"lr_decay": 0.01}),
    ("adagrad_initial_accumulator", "Adagrad", "adagrad", {"initial_accumulator_value": 0.1}),
    ("rmsprop", "RMSprop", "rmsprop", {}),
    ("rmsprop_centered", "RMSprop", "rmsprop", {"centered": True}),
    ("rmsprop_momentum", "RMSprop", "rmsprop", {"momentum": 0.5}),
    ("adam", "Adam", "adam", {}),
    ("adam_amsgrad", "Adam", "adam", {"amsgrad": True}),
    ("adam_weight_decay", "Adam", "adam", {"weight_decay": 0.01}),
    ("adam_betas_eps", "Adam", "adam", {"betas": [0.8, 0.95], "eps": 1e-06}),
    ("adamw", "AdamW", "adam", {"weight_decay": 0.05}),
]

# plain SGD on quadratic1d at lr*a = 1, 1.8, 2, 2.4 (a = 4): one step, zig-zag, oscillation, divergence
REGIME_LRS = [0.25, 0.45, 0.5, 0.6]
OPTIMIZER_STEPS = 60


def reference_objective(name: str, spec: dict):
    """The objective's loss and hand-derived gradient in plain Python floats."""
    if name == "quadratic1d":
        a, ws = spec["a"], spec["w_star"]
        return lambda x: (0.5 * a * (x[0] - ws) ** 2, [a * (x[0] - ws)])
    if name == "quadratic2d":
        A, b = spec["A"], spec["b"]

        def q2(x):
            ax = [A[i][0] * x[0] + A[i][1] * x[1] for i in range(2)]
            return 0.5 * (x[0] * ax[0] + x[1] * ax[1]) - (b[0] * x[0] + b[1] * x[1]), [ax[i] - b[i] for i in range(2)]
        return q2
    if name == "rosenbrock":
        def rosen(x):
            u, v = x
            return (1 - u) ** 2 + 100 * (v - u * u) ** 2, [-2 * (1 - u) - 400 * u * (v - u * u), 200 * (v - u * u)]
        return rosen
    if name == "least_squares":
        xs, ys = spec["data"]["x"], spec["data"]["y"]

        def ls(p):
            r = [p[0] * xi + p[1] - yi for xi, yi in zip(xs, ys)]
            n = len(r)
            return sum(ri * ri for ri in r) / n, [2 * sum(ri * xi for ri, xi in zip(r, xs)) / n, 2 * sum(r) / n]
        return ls
    raise OracleError(f"unknown objective {name}")


def reference_optimizer(cls: str, args: dict):
    """A textbook step function step(x, g, t) for the torch class's semantics (see the README)."""
    lr = args["lr"]
    wd = args.get("weight_decay", 0.0 if cls != "AdamW" else 0.01)
    state: dict = {}

    def sgd(x, g, t):
        mu, damp, nesterov = args.get("momentum", 0.0), args.get("dampening", 0.0), args.get("nesterov", False)
        for i in range(len(x)):
            gi = g[i] + wd * x[i]
            if mu:
                buf = state.setdefault("buf", [None] * len(x))
                buf[i] = gi if buf[i] is None else mu * buf[i] + (1 - damp) * gi
                d = gi + mu * buf[i] if nesterov else buf[i]
            else:
                d = gi
            x[i] -= lr * d

    def adagrad(x, g, t):
        clr = lr / (1 + (t - 1) * args.get("lr_decay", 0.0))
        s = state.setdefault("sum", [args.get("initial_accumulator_value", 0.0)] * len(x))
        for i in range(len(x)):
            gi = g[i] + wd * x[i]
            s[i] += gi * gi
            x[i] -= clr * gi / (math.sqrt(s[i]) + args.get("eps", 1e-10))

    def rmsprop(x, g, t):
        alpha, eps, mu = args.get("alpha", 0.99), args.get("eps", 1e-8), args.get("momentum", 0.0)
        v = state.setdefault("v", [0.0] * len(x))
        gbar = state.setdefault("gbar", [0.0] * len(x))
        buf = state.setdefault("buf", [0.0] * len(x))
        for i in range(len(x)):
            gi = g[i] + wd * x[i]
            v[i] = alpha * v[i] + (1 - alpha) * gi * gi
            if args.get("centered", False):
                gbar[i] = alpha * gbar[i] + (1 - alpha) * gi
                avg = math.sqrt(v[i] - gbar[i] * gbar[i]) + eps
            else:
                avg = math.sqrt(v[i]) + eps
            if mu > 0:
                buf[i] = mu * buf[i] + gi / avg
                x[i] -= lr * buf[i]
            else:
                x[i] -= lr * gi / avg

    def adam(x, g, t):
        b1, b2 = args.get("betas", [0.9, 0.999])
        eps, decoupled = args.get("eps", 1e-8), cls == "AdamW"
        m = state.setdefault("m", [0.0] * len(x))
        v = state.setdefault("v", [0.0] * len(x))
        vmax = state.setdefault("vmax", [0.0] * len(x))
        for i in range(len(x)):
            gi = g[i]
            if decoupled:
                x[i] *= 1 - lr * wd
            else:
                gi += wd * x[i]
            m[i] = b1 * m[i] + (1 - b1) * gi
            v[i] = b2 * v[i] + (1 - b2) * gi * gi
            vv = v[i]
            if args.get("amsgrad", False):
                vmax[i] = max(vmax[i], v[i])
                vv = vmax[i]
            x[i] -= (lr / (1 - b1 ** t)) * m[i] / (math.sqrt(vv) / math.sqrt(1 - b2 ** t) + eps)

    return {"SGD": sgd, "Adagrad": adagrad, "RMSprop": rmsprop, "Adam": adam, "AdamW": adam}[cls]


def out_of_bounds(x: list[float]) -> bool:
    return any(not abs(v) <= DIVERGENCE_BOUND for v in x)


class Maker:
    """What the three kinds of case share: torch, and the largest disagreement met (with its case)."""

    def __init__(self, torch, prefix: str = "public"):
        self.torch = torch
        self.prefix = prefix          # the first part of every case id: "public", or "varied-SEED"
        self.worst = (0.0, "")

    def note(self, measured: float, cid: str) -> None:
        if measured > self.worst[0]:
            self.worst = (measured, cid)


class OptimizerCases(Maker):
    """The 72 optimizer cases: 17 configurations x 4 objectives, then the 4 plain-SGD regime runs."""

    def objective_spec(self, name: str, constants: dict | None = None) -> dict:
        """The objective block: constants, then the facts derived from them (computed in torch)."""
        torch = self.torch
        constants = OBJECTIVES[name][0] if constants is None else constants
        spec = {"name": name, **json.loads(json.dumps(constants))}
        if name == "quadratic1d":
            spec["stability_limit_lr"] = 2.0 / spec["a"]
            spec["optimal_lr"] = 1.0 / spec["a"]
        elif name == "quadratic2d":
            A, b = torch.tensor(spec["A"]), torch.tensor(spec["b"])
            lo, hi = torch.linalg.eigvalsh(A).tolist()
            spec["minimizer"] = torch.linalg.solve(A, b).tolist()
            spec["eigenvalues"] = [lo, hi]
            spec["condition_number"] = hi / lo
            spec["stability_limit_lr"] = 2.0 / hi
            spec["optimal_lr"] = 2.0 / (lo + hi)
        elif name == "rosenbrock":
            spec["minimizer"] = [1.0, 1.0]
        elif name == "least_squares":
            x, y = torch.tensor(spec["data"]["x"]), torch.tensor(spec["data"]["y"])
            design = torch.stack([x, torch.ones_like(x)], dim=1)
            spec["minimizer"] = torch.linalg.lstsq(design, y.unsqueeze(1)).solution.squeeze(1).tolist()
        return spec

    def loss(self, name: str, spec: dict):
        """The objective as a torch function of the parameter tensor (autograd gives the gradient)."""
        torch = self.torch
        if name == "quadratic1d":
            a, ws = spec["a"], spec["w_star"]
            return lambda x: 0.5 * a * (x[0] - ws) ** 2
        if name == "quadratic2d":
            A, b = torch.tensor(spec["A"]), torch.tensor(spec["b"])
            return lambda x: 0.5 * x @ A @ x - b @ x
        if name == "rosenbrock":
            return lambda x: (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
        xs, ys = torch.tensor(spec["data"]["x"]), torch.tensor(spec["data"]["y"])
        return lambda p: ((p[0] * xs + p[1] - ys) ** 2).mean()

    def run_torch(self, cls: str, args: dict, loss, x0: list[float]):
        """zero_grad; loss = L(x); backward; record loss, grad; step; record x; cut past |x| > 1e6."""
        torch = self.torch
        x = torch.tensor(x0, requires_grad=True)
        kwargs = {k: tuple(v) if k == "betas" else v for k, v in args.items()}
        opt = getattr(torch.optim, cls)([x], **kwargs)
        losses, grads, params = [], [], []
        for _ in range(OPTIMIZER_STEPS):
            opt.zero_grad()
            value = loss(x)
            value.backward()
            losses.append(value.item())
            grads.append(x.grad.tolist())
            opt.step()
            params.append(x.detach().tolist())
            if out_of_bounds(params[-1]):
                break
        return losses, grads, params

    @staticmethod
    def run_reference(cls: str, args: dict, objective, x0: list[float]):
        step = reference_optimizer(cls, args)
        x = list(x0)
        losses, grads, params = [], [], []
        for t in range(1, OPTIMIZER_STEPS + 1):
            value, g = objective(x)
            losses.append(value)
            grads.append(list(g))
            step(x, g, t)
            params.append(list(x))
            if out_of_bounds(x):
                break
        return losses, grads, params

    def case(self, name: str, suffix: str, cls: str, args: dict, analysis: bool, constants: dict | None = None,
             x0: list[float] | None = None, bounded: bool = False) -> dict:
        """One case; with bounded, a run that diverges is an error (a varied draw that lost the case's intent)."""
        cid = f"{self.prefix}/optimizer/{name}/{suffix}"
        spec = self.objective_spec(name, constants)
        x0 = list(OBJECTIVES[name][1] if x0 is None else x0)
        losses, grads, params = self.run_torch(cls, args, self.loss(name, spec), x0)
        reference = self.run_reference(cls, args, reference_objective(name, spec), x0)
        if len(reference[0]) != len(losses):
            raise OracleError(f"{cid}: torch recorded {len(losses)} steps, the reference {len(reference[0])}")
        start = {"loss": abs(losses[0]), "grad": max(abs(v) for v in grads[0]), "params": max(abs(v) for v in x0)}
        scale = {k: max(1.0, v) for k, v in start.items()}
        measured = max(disagreement(flat(got), flat(ref), scale[k])
                       for k, got, ref in zip(("loss", "grad", "params"), (losses, grads, params), reference))
        rtol = choose_rtol(measured, cid)
        c = {"id": cid, "kind": "optimizer", "torch": {"class": f"torch.optim.{cls}", "args": args},
             "objective": spec, "x0": x0, "steps": OPTIMIZER_STEPS, "steps_recorded": len(losses),
             "diverges": len(losses) < OPTIMIZER_STEPS or out_of_bounds(params[-1])}
        if bounded and c["diverges"]:
            raise OracleError(f"{cid}: the run diverges (lr {args['lr']})")
        if analysis:
            c["analysis"] = quadratic_analysis(args["lr"], spec["a"])
            if c["diverges"] != (c["analysis"]["regime"] == "divergence"):
                raise OracleError(f"{cid}: the run {'diverged' if c['diverges'] else 'stayed bounded'} but the "
                                  f"regime is {c['analysis']['regime']}")
        c["tolerance"] = {"rtol": rtol, "atol": {k: two_digits(rtol * scale[k]) for k in ("loss", "grad", "params")}}
        c["trace"] = {"loss": losses, "grad": grads, "params": params}
        self.note(measured, cid)
        return c

    def cases(self) -> list[dict]:
        out = []
        for name in OBJECTIVES:
            for suffix, cls, family, extra in CONFIGURATIONS:
                args = {"lr": LEARNING_RATES[name][family], **extra}
                out.append(self.case(name, suffix, cls, args, analysis=name == "quadratic1d" and suffix == "sgd"))
        for lr in REGIME_LRS:
            out.append(self.case("quadratic1d", f"sgd_regime_lr_{lr!r}", "SGD", {"lr": lr}, analysis=True))
        return out


# --------------------------------------------------------------------------------------------------
# Scheduler cases
# --------------------------------------------------------------------------------------------------

SGD = "torch.optim.SGD"
LRS = "torch.optim.lr_scheduler."
PLATEAU_FORMULA = ("lr <- max(lr * factor, min_lr) when num_bad_epochs > patience (skipped if the decrease is "
                   "<= eps); see README")
FORMULAS = {
    "StepLR": "base_lr * gamma^floor(t / step_size)",
    "MultiStepLR": "base_lr * gamma^(number of milestones <= t, repeats counted)",
    "ExponentialLR": "base_lr * gamma^t",
    "CosineAnnealingLR": "eta_min + (base_lr - eta_min) * (1 + cos(pi * t / T_max)) / 2  (period 2*T_max)",
    "CosineAnnealingWarmRestarts": ("eta_min + (base_lr - eta_min) * (1 + cos(pi * T_cur / T_i)) / 2; T_cur = t "
                                    "minus the lengths of the finished cycles T_0, T_0*T_mult, ..."),
    "LinearLR": "base_lr * (start_factor + (end_factor - start_factor) * min(t, total_iters) / total_iters)",
    "ConstantLR": "base_lr * (factor if t < total_iters else 1)",
    "PolynomialLR": "base_lr * (1 - min(t, total_iters) / total_iters)^power",
    "LambdaLR": "base_lr * lr_lambda(t)",
    "OneCycleLR": ("piecewise anneal (cos or linear) between initial_lr = max_lr/div_factor, max_lr and min_lr = "
                   "initial_lr/final_div_factor; see README"),
    "CyclicLR": ("base_lr + (max_lr - base_lr) * h(t) * scale, h: 0 -> 1 over step_size_up, 1 -> 0 over "
                 "step_size_down; scale = 1 | 1/2^(cycle-1) | gamma^t; see README"),
    "SequentialLR": "schedulers[i] restarted at t = milestones[i-1]",
    "ChainedScheduler": "product of the (multiplicative) schedulers' factors",
    "ReduceLROnPlateau": PLATEAU_FORMULA,
}
LINEAR_WARMUP = {"name": "linear_warmup", "warmup": 10, "python": "lambda e: e / warmup if e < warmup else 1.0"}


def sched(cls: str, **args) -> dict:
    return {"class": LRS + cls, "args": args}


def opt_spec(cls: str = SGD, **args) -> dict:
    return {"class": cls, "args": args}


ONE_CYCLE_SGD = opt_spec(lr=0.5, momentum=0.9)
# (id suffix, scheduler spec, optimizer spec, steps)
SCHEDULES = [
    ("step_lr", sched("StepLR", step_size=30, gamma=0.1), opt_spec(lr=0.1), 100),
    ("multistep_lr", sched("MultiStepLR", milestones=[30, 60, 90], gamma=0.5), opt_spec(lr=0.1), 120),
    ("multistep_lr_repeated_milestone", sched("MultiStepLR", milestones=[25, 50, 50, 80], gamma=0.3),
     opt_spec(lr=0.1), 120),
    ("exponential_lr", sched("ExponentialLR", gamma=0.95), opt_spec(lr=0.1), 100),
    ("cosine_annealing_lr", sched("CosineAnnealingLR", T_max=50, eta_min=0.0), opt_spec(lr=0.1), 150),
    ("cosine_annealing_lr_eta_min", sched("CosineAnnealingLR", T_max=40, eta_min=0.005), opt_spec(lr=0.05), 200),
    ("cosine_warm_restarts_T_mult_2", sched("CosineAnnealingWarmRestarts", T_0=10, T_mult=2, eta_min=0.001),
     opt_spec(lr=0.1), 150),
    ("cosine_warm_restarts_T_mult_1", sched("CosineAnnealingWarmRestarts", T_0=25, T_mult=1, eta_min=0.0),
     opt_spec(lr=0.1), 100),
    ("linear_lr_warmup", sched("LinearLR", start_factor=0.25, end_factor=1.0, total_iters=20), opt_spec(lr=0.1), 100),
    ("linear_lr_decay", sched("LinearLR", start_factor=1.0, end_factor=0.05, total_iters=80), opt_spec(lr=0.1), 100),
    ("constant_lr", sched("ConstantLR", factor=0.5, total_iters=10), opt_spec(lr=0.1), 100),
    ("polynomial_lr_power_1", sched("PolynomialLR", total_iters=80, power=1.0), opt_spec(lr=0.1), 100),
    ("polynomial_lr_power_2", sched("PolynomialLR", total_iters=60, power=2.0), opt_spec(lr=0.1), 100),
    ("lambda_lr_linear_warmup", sched("LambdaLR", lr_lambda=LINEAR_WARMUP), opt_spec(lr=0.1), 100),
    ("one_cycle_cos_sgd_momentum", sched("OneCycleLR", max_lr=0.1, total_steps=100, anneal_strategy="cos",
                                         three_phase=False), ONE_CYCLE_SGD, 100),
    ("one_cycle_cos_three_phase_sgd_momentum", sched("OneCycleLR", max_lr=0.1, total_steps=100,
                                                     anneal_strategy="cos", three_phase=True), ONE_CYCLE_SGD, 100),
    ("one_cycle_linear_sgd_momentum", sched("OneCycleLR", max_lr=0.1, total_steps=100, anneal_strategy="linear",
                                            three_phase=False), ONE_CYCLE_SGD, 100),
    ("one_cycle_linear_three_phase_sgd_momentum", sched("OneCycleLR", max_lr=0.1, total_steps=100,
                                                        anneal_strategy="linear", three_phase=True), ONE_CYCLE_SGD, 100),
    ("one_cycle_cos_adam_betas", sched("OneCycleLR", max_lr=0.01, total_steps=120, pct_start=0.25, div_factor=10.0,
                                       final_div_factor=100.0), opt_spec("torch.optim.Adam", lr=0.5), 120),
    ("cyclic_triangular", sched("CyclicLR", base_lr=0.001, max_lr=0.006, step_size_up=20, mode="triangular",
                                cycle_momentum=False), opt_spec(lr=0.1), 200),
    ("cyclic_triangular2_asymmetric", sched("CyclicLR", base_lr=0.001, max_lr=0.006, step_size_up=15,
                                            step_size_down=25, mode="triangular2", cycle_momentum=False),
     opt_spec(lr=0.1), 200),
    ("cyclic_exp_range", sched("CyclicLR", base_lr=0.001, max_lr=0.006, step_size_up=20, mode="exp_range", gamma=0.99,
                               cycle_momentum=False), opt_spec(lr=0.1), 200),
    ("cyclic_triangular_cycle_momentum", sched("CyclicLR", base_lr=0.001, max_lr=0.006, step_size_up=20,
                                               mode="triangular", cycle_momentum=True, base_momentum=0.8,
                                               max_momentum=0.9), opt_spec(lr=0.1, momentum=0.5), 200),
    ("sequential_linear_warmup_then_cosine",
     sched("SequentialLR", milestones=[10], schedulers=[
         sched("LinearLR", start_factor=0.1, end_factor=1.0, total_iters=10), sched("CosineAnnealingLR", T_max=90)]),
     opt_spec(lr=0.1), 100),
    ("chained_constant_and_exponential",
     sched("ChainedScheduler", schedulers=[sched("ConstantLR", factor=0.5, total_iters=4),
                                           sched("ExponentialLR", gamma=0.97)]), opt_spec(lr=0.1), 100),
    ("chained_linear_warmup_and_step",
     sched("ChainedScheduler", schedulers=[sched("LinearLR", start_factor=0.2, end_factor=1.0, total_iters=10),
                                           sched("StepLR", step_size=30, gamma=0.5)]), opt_spec(lr=0.1), 100),
]


def loss_curve(t: int) -> float:
    """A validation loss that falls and then wobbles on a plateau (two incommensurate ripples)."""
    return 0.25 + 0.75 * math.exp(-t / 15) + 0.02 * math.sin(1.7 * t) + 0.01 * math.sin(0.45 * t + 0.3)


def accuracy_curve(t: int) -> float:
    """A validation accuracy that rises and then wobbles below 0.95."""
    return 0.95 - 0.5 * math.exp(-t / 20) + 0.01 * math.sin(1.3 * t) + 0.006 * math.sin(0.37 * t + 1.1)


def rising_curve(t: int) -> float:
    """A loss that only rises, so every epoch is bad."""
    return 0.5 + 0.001 * t


# (id suffix, ReduceLROnPlateau arguments, optimizer lr, steps, metric curve)
PLATEAUS = [
    ("min_rel_default", {"mode": "min", "factor": 0.5, "patience": 5}, 0.1, 120, loss_curve),
    ("min_abs_cooldown_min_lr", {"mode": "min", "factor": 0.2, "patience": 3, "threshold": 0.01,
                                 "threshold_mode": "abs", "cooldown": 4, "min_lr": 0.001}, 0.1, 150, loss_curve),
    ("max_rel_cooldown", {"mode": "max", "factor": 0.1, "patience": 4, "threshold": 0.001, "threshold_mode": "rel",
                          "cooldown": 2, "min_lr": 1e-05}, 0.1, 150, accuracy_curve),
    ("max_abs_min_lr", {"mode": "max", "factor": 0.7, "patience": 2, "threshold": 0.005, "threshold_mode": "abs",
                        "min_lr": 0.02}, 0.1, 120, accuracy_curve),
    ("eps_floor", {"mode": "min", "factor": 0.1, "patience": 0}, 1e-05, 100, rising_curve),
]


def closed_form(spec: dict, base: float, t: int) -> float:
    """The schedule's lr at last_epoch t from its closed form (the README's formulas), in plain Python."""
    cls, a = spec["class"][len(LRS):], spec["args"]
    if cls == "StepLR":
        return base * a["gamma"] ** (t // a["step_size"])
    if cls == "MultiStepLR":
        return base * a["gamma"] ** sum(1 for m in a["milestones"] if m <= t)
    if cls == "ExponentialLR":
        return base * a["gamma"] ** t
    if cls == "CosineAnnealingLR":
        eta = a.get("eta_min", 0.0)
        return eta + (base - eta) * (1 + math.cos(math.pi * t / a["T_max"])) / 2
    if cls == "CosineAnnealingWarmRestarts":
        t_cur, t_i = t, a["T_0"]
        while t_cur >= t_i:
            t_cur -= t_i
            t_i *= a.get("T_mult", 1)
        eta = a.get("eta_min", 0.0)
        return eta + (base - eta) * (1 + math.cos(math.pi * t_cur / t_i)) / 2
    if cls == "LinearLR":
        sf, ef, n = a["start_factor"], a["end_factor"], a["total_iters"]
        return base * (sf + (ef - sf) * min(t, n) / n)
    if cls == "ConstantLR":
        return base * (a["factor"] if t < a["total_iters"] else 1.0)
    if cls == "PolynomialLR":
        return base * (1 - min(t, a["total_iters"]) / a["total_iters"]) ** a["power"]
    if cls == "LambdaLR":
        return base * lr_lambda(a["lr_lambda"])(t)
    if cls == "SequentialLR":
        k = sum(1 for m in a["milestones"] if m <= t)
        start = a["milestones"][k - 1] if k else 0
        return closed_form(a["schedulers"][k], base, t - start)
    if cls == "ChainedScheduler":
        lr = base
        for child in a["schedulers"]:
            lr *= closed_form(child, base, t) / base
        return lr
    raise OracleError(f"no closed form for {cls}")


def one_cycle(args: dict, t: int) -> tuple[float, float]:
    """OneCycleLR's lr and momentum at step t (README: 'The two piecewise schedules, exactly')."""
    total, pct = args["total_steps"], args.get("pct_start", 0.3)
    initial = args["max_lr"] / args.get("div_factor", 25.0)
    min_lr = initial / args.get("final_div_factor", 1e4)
    mx, mom_max, mom_base = args["max_lr"], args.get("max_momentum", 0.95), args.get("base_momentum", 0.85)
    if args.get("three_phase", False):
        phases = [(pct * total - 1, initial, mx, mom_max, mom_base), (2 * pct * total - 2, mx, initial, mom_base, mom_max),
                  (total - 1, initial, min_lr, mom_max, mom_max)]
    else:
        phases = [(pct * total - 1, initial, mx, mom_max, mom_base), (total - 1, mx, min_lr, mom_base, mom_max)]
    cos = args.get("anneal_strategy", "cos") == "cos"

    def anneal(s, e, p):
        return e + (s - e) / 2 * (1 + math.cos(math.pi * p)) if cos else (e - s) * p + s
    start = 0.0
    for i, (end, lr0, lr1, m0, m1) in enumerate(phases):
        if t <= end or i == len(phases) - 1:
            p = (t - start) / (end - start)
            return anneal(lr0, lr1, p), anneal(m0, m1, p)
        start = end
    raise AssertionError


def cyclic(args: dict, t: int) -> tuple[float, float]:
    """CyclicLR's lr and momentum at step t."""
    up = float(args["step_size_up"])
    down = float(args.get("step_size_down") or up)
    total, ratio = up + down, up / (up + down)
    cycle = math.floor(1 + t / total)
    x = 1.0 + t / total - cycle
    h = x / ratio if x <= ratio else (x - 1) / (ratio - 1)
    mode = args.get("mode", "triangular")
    scale = 1.0 if mode == "triangular" else 1 / 2.0 ** (cycle - 1) if mode == "triangular2" else args["gamma"] ** t
    lr = args["base_lr"] + (args["max_lr"] - args["base_lr"]) * h * scale
    mom = args.get("max_momentum", 0.9) - (args.get("max_momentum", 0.9) - args.get("base_momentum", 0.8)) * h * scale
    return lr, mom


def lr_lambda(spec: dict):
    if spec.get("name") != "linear_warmup":
        raise OracleError(f"unknown lr_lambda {spec}")
    warmup = spec["warmup"]
    return lambda e: e / warmup if e < warmup else 1.0


class Plateau:
    """ReduceLROnPlateau's state machine, re-implemented from its documented rules."""

    def __init__(self, args: dict, lr: float):
        self.mode, self.factor = args.get("mode", "min"), args.get("factor", 0.1)
        self.patience, self.cooldown = args.get("patience", 10), args.get("cooldown", 0)
        self.threshold, self.threshold_mode = args.get("threshold", 1e-4), args.get("threshold_mode", "rel")
        self.min_lr, self.eps = args.get("min_lr", 0.0), args.get("eps", 1e-8)
        self.lr, self.best = lr, math.inf if self.mode == "min" else -math.inf
        self.num_bad_epochs = self.cooldown_counter = 0

    def bar(self) -> float:
        """The value a metric has to beat to count as an improvement."""
        rel = self.threshold_mode == "rel"
        if self.mode == "min":
            return self.best * (1 - self.threshold) if rel else self.best - self.threshold
        return self.best * (1 + self.threshold) if rel else self.best + self.threshold

    def step(self, metric: float) -> None:
        bar = self.bar()
        if metric < bar if self.mode == "min" else metric > bar:
            self.best, self.num_bad_epochs = metric, 0
        else:
            self.num_bad_epochs += 1
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.num_bad_epochs = 0
        if self.num_bad_epochs > self.patience:
            new = max(self.lr * self.factor, self.min_lr)
            if abs((self.lr - new) - self.eps) <= 1e-6 * self.eps:
                raise OracleError(f"a reduction from {self.lr} to {new} is within 1e-6 of eps {self.eps}")
            if self.lr - new > self.eps:
                self.lr = new
            self.cooldown_counter, self.num_bad_epochs = self.cooldown, 0


class SchedulerCases(Maker):
    """The 26 schedules and the 5 ReduceLROnPlateau runs."""

    def build(self, spec: dict, opt):
        sch = self.torch.optim.lr_scheduler
        cls, args = spec["class"][len(LRS):], dict(spec["args"])
        if cls == "LambdaLR":
            args["lr_lambda"] = lr_lambda(args["lr_lambda"])
        if cls in ("SequentialLR", "ChainedScheduler"):
            args["schedulers"] = [self.build(child, opt) for child in args["schedulers"]]
            if cls == "ChainedScheduler":
                return sch.ChainedScheduler(args["schedulers"], optimizer=opt)
        return getattr(sch, cls)(opt, **args)

    def optimizer(self, spec: dict):
        torch = self.torch
        p = torch.zeros(1, requires_grad=True)     # no gradient: opt.step() changes nothing
        return getattr(torch.optim, spec["class"].rsplit(".", 1)[1])([p], **spec["args"])

    def schedule_case(self, suffix: str, spec: dict, ospec: dict, steps: int) -> dict:
        cid = f"{self.prefix}/scheduler/{suffix}"
        cls = spec["class"][len(LRS):]
        opt = self.optimizer(ospec)
        s = self.build(spec, opt)
        cycles_momentum = cls == "OneCycleLR" or (cls == "CyclicLR" and spec["args"].get("cycle_momentum", True))
        momentum_name = "beta1" if "betas" in opt.param_groups[0] else "momentum"
        lr, mom = [], []
        for _ in range(steps):
            lr.append(s.get_last_lr()[0])
            group = opt.param_groups[0]
            mom.append(group["betas"][0] if momentum_name == "beta1" else group["momentum"])
            opt.step()
            s.step()
        c = {"id": cid, "kind": "scheduler", "torch": spec, "optimizer": ospec, "steps": steps,
             "formula": FORMULAS[cls]}
        base = ospec["args"]["lr"]
        if cls == "OneCycleLR":
            g = opt.param_groups[0]
            c["derived"] = {"initial_lr": g["initial_lr"], "max_lr": g["max_lr"], "min_lr": g["min_lr"],
                            "max_momentum": g["max_momentum"], "base_momentum": g["base_momentum"],
                            "phase_end_steps": [float(ph["end_step"]) for ph in s._schedule_phases],
                            "lr_after_final_step": s.get_last_lr()[0]}
            ref = [one_cycle(spec["args"], t) for t in range(steps)]
        elif cls == "CyclicLR":
            c["derived"] = {"base_lr": s.base_lrs[0], "total_size": s.total_size, "step_ratio": s.step_ratio}
            ref = [cyclic(spec["args"], t) for t in range(steps)]
        else:
            ref = [(closed_form(spec, base, t), None) for t in range(steps)]
        series = {"lr": lr}
        if cycles_momentum:
            series[momentum_name] = mom
        references = {"lr": [r[0] for r in ref], momentum_name: [r[1] for r in ref]}
        peaks = {k: max(abs(v) for v in vals) for k, vals in series.items()}
        measured = max(disagreement(vals, references[k], 1e-3 * peaks[k]) for k, vals in series.items())
        self.note(measured, cid)
        rtol = choose_rtol(measured, cid)
        c["tolerance"] = {"rtol": rtol, "atol": {k: two_digits(rtol * 1e-3 * peaks[k]) for k in series}}
        c["trace"] = series
        return c

    def plateau_case(self, suffix: str, args: dict, lr0: float, steps: int, curve) -> dict:
        cid = f"{self.prefix}/scheduler/reduce_lr_on_plateau_{suffix}"
        metrics = [round(curve(t), 5) for t in range(steps)]
        ospec = opt_spec(lr=lr0)
        opt = self.optimizer(ospec)
        s = self.torch.optim.lr_scheduler.ReduceLROnPlateau(opt, **args)
        ref = Plateau(args, lr0)
        trace = {"lr": [], "best": [], "num_bad_epochs": [], "cooldown_counter": []}
        reductions = 0
        for t, metric in enumerate(metrics):
            trace["lr"].append(s.get_last_lr()[0])
            if ref.lr != trace["lr"][-1]:
                raise OracleError(f"{cid}: lr[{t}] is {trace['lr'][-1]} in torch, {ref.lr} in the reference")
            if t > 0:
                bar = ref.bar()
                if abs(metric - bar) <= 1e-6 * abs(bar):
                    raise OracleError(f"{cid}: metrics[{t}] = {metric} lies within 1e-6 of its threshold {bar}")
            before = ref.lr
            opt.step()
            s.step(metric)
            ref.step(metric)
            reductions += ref.lr != before
            state = (s.best, s.num_bad_epochs, s.cooldown_counter)
            if state != (ref.best, ref.num_bad_epochs, ref.cooldown_counter):
                raise OracleError(f"{cid}: state after metrics[{t}] is {state} in torch, "
                                  f"{(ref.best, ref.num_bad_epochs, ref.cooldown_counter)} in the reference")
            trace["best"].append(s.best)
            trace["num_bad_epochs"].append(s.num_bad_epochs)
            trace["cooldown_counter"].append(s.cooldown_counter)
        if reductions < 2:
            raise OracleError(f"{cid}: only {reductions} reduction(s); every plateau case needs at least two")
        return {"id": cid, "kind": "scheduler", "torch": {"class": LRS + "ReduceLROnPlateau", "args": args},
                "optimizer": ospec, "steps": steps, "formula": PLATEAU_FORMULA, "input": {"metrics": metrics},
                "tolerance": {"rtol": RTOL_CHOICES[0], "atol": {"lr": 0.0, "best": 0.0},
                              "exact": ["num_bad_epochs", "cooldown_counter"]},
                "trace": trace}

    def cases(self) -> list[dict]:
        return ([self.schedule_case(*s) for s in SCHEDULES] + [self.plateau_case(*p) for p in PLATEAUS])


# --------------------------------------------------------------------------------------------------
# Seed examples
# --------------------------------------------------------------------------------------------------

SEED_NOTE = ("computed with the hand-written update below in torch float64; torch.optim.SGD(lr) with autograd "
             "gives the same iterates")
# (family, source, c or None for sin(x), x0, steps, learning rates)
SEED_FAMILIES = [
    ("w_minus_3", "seed 002 '1D Loss Landscape': L(w) = (w-3)^2, 15 steps (the seed uses w_init = 7, "
     "lr in {0.1, 0.5, 0.9, 1.1})", 3.0, 7.0, 15, [0.1, 0.5, 0.9, 1.1]),
    ("w_minus_5", "seed 002 exercise 1: L(w) = (w-5)^2, 10 iterations (the seed uses w_0 = 0, "
     "lr in {0.1, 0.5, 1.0, 1.5})", 5.0, 0.0, 10, [0.1, 0.5, 1.0, 1.5]),
    ("x_minus_2", "seed 003: f(x) = (x-2)^2, 20 iterations (the seed uses x_0 = 0, lr in {0.01, 0.1, 0.5})",
     2.0, 0.0, 20, [0.01, 0.1, 0.5]),
    ("sin", "seed 003: f(x) = sin(x) minimised, 50 iterations (the seed uses x_0 = 1.0, "
     "lr in {0.01, 0.1, 0.5, 1.5})", None, 1.0, 50, [0.01, 0.1, 0.5, 1.5]),
]


class SeedCases(Maker):
    """The seed documents' gradient-descent demos, with the hand-written update in torch float64."""

    def run(self, c: float | None, x0: float, steps: int, lr: float):
        torch = self.torch
        w = torch.tensor(x0)

        def loss(v):
            return torch.sin(v) if c is None else (v - c) ** 2
        iterates, losses = [w.item()], [loss(w).item()]
        for _ in range(steps):
            grad = torch.cos(w) if c is None else 2 * (w - c)
            w = w - lr * grad
            iterates.append(w.item())
            losses.append(loss(w).item())
        return iterates, losses

    def sgd_iterates(self, c: float | None, x0: float, steps: int, lr: float) -> list[float]:
        """The same run with torch.optim.SGD(lr) and autograd."""
        torch = self.torch
        p = torch.tensor(x0, requires_grad=True)
        opt = torch.optim.SGD([p], lr=lr)
        out = [p.item()]
        for _ in range(steps):
            opt.zero_grad()
            (torch.sin(p) if c is None else (p - c) ** 2).backward()
            opt.step()
            out.append(p.item())
        return out

    @staticmethod
    def reference(c: float | None, x0: float, steps: int, lr: float):
        w, iterates = x0, [x0]
        for _ in range(steps):
            w = w - lr * (math.cos(w) if c is None else 2 * (w - c))
            iterates.append(w)
        return iterates, [math.sin(v) if c is None else (v - c) ** 2 for v in iterates]

    def case(self, family: str, source: str, c: float | None, x0: float, steps: int, lr: float) -> dict:
        cid = f"{self.prefix}/seed/{family}/lr_{lr!r}"
        iterates, losses = self.run(c, x0, steps, lr)
        scale = {"iterates": max(1.0, abs(x0)), "loss": max(1.0, abs(losses[0]))}
        ref_it, ref_loss = self.reference(c, x0, steps, lr)
        measured = max(disagreement(iterates, ref_it, scale["iterates"]), disagreement(losses, ref_loss, scale["loss"]))
        self.note(measured, cid)
        rtol = choose_rtol(measured, cid)
        sgd = self.sgd_iterates(c, x0, steps, lr)
        for k, (a, b) in enumerate(zip(sgd, iterates)):
            if abs(a - b) > rtol * abs(b) + two_digits(rtol * scale["iterates"]):
                raise OracleError(f"{cid}: torch.optim.SGD gives iterate {k} = {a}, the hand-written update {b}")
        if c is None:
            objective = {"name": "sine", "formula": "f(x) = sin(x)", "gradient": "cos(x)"}
            k = round((iterates[-1] + math.pi / 2) / (2 * math.pi))
            q = exact(lr)          # f''(x*) = -sin(x*) = 1 at every minimiser x* = -pi/2 + 2 pi k
            analysis = {"basis": "quadratic approximation at the minimum reached, where f''(x*) = 1",
                        "minimizer": -math.pi / 2 + 2 * math.pi * k, "stability_limit_lr": 2.0, "optimal_lr": 1.0,
                        "lr_times_a": float(q), "contraction_factor": float(1 - q), "regime": regime(q),
                        "curvature": 1.0}
            update = "grad = cos(x); x = x - lr*grad"
        else:
            objective = {"name": "shifted_square", "formula": "L(w) = (w - c)^2", "gradient": "2*(w - c)", "c": c,
                         "as_quadratic1d": {"a": 2.0, "w_star": c}}
            analysis = quadratic_analysis(lr, 2.0)
            update = "grad = 2*(w - c); w = w - lr*grad"
        return {"id": cid, "kind": "seed-example", "source": source,
                "torch": {"class": "torch.optim.SGD", "args": {"lr": lr}}, "note": SEED_NOTE,
                "objective": objective, "x0": x0, "steps": steps, "update": update, "analysis": analysis,
                "diverges": analysis["regime"] == "divergence",
                "tolerance": {"rtol": rtol, "atol": {k: two_digits(rtol * v) for k, v in scale.items()}},
                "trace": {"iterates": iterates, "loss": losses}}

    def cases(self) -> list[dict]:
        return [self.case(f, src, c, x0, n, lr) for f, src, c, x0, n, lrs in SEED_FAMILIES for lr in lrs]


# --------------------------------------------------------------------------------------------------
# Varied sets: the same kinds of case with every number drawn anew (environment/workbook oracles --vary)
# --------------------------------------------------------------------------------------------------

REDRAWS = 25        # draws tried per case before the generator gives up on it


def nice(x: float, digits: int = 2) -> float:
    """x with `digits` significant digits, so that a drawn number reads as the decimal it is."""
    return float(f"{x:.{digits}g}")


def log_uniform(rng, lo: float, hi: float) -> float:
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def redraw(key: str, make):
    """make(rng) with rng = random.Random(f"{key}#{attempt}") for attempt 0, 1, ...: the first draw that
    raises no OracleError. Each case draws from its own key, so one case's redraws never shift another's."""
    import random
    last = None
    for attempt in range(REDRAWS):
        try:
            return make(random.Random(f"{key}#{attempt}"))
        except OracleError as e:
            last = e
    raise OracleError(f"{key}: no valid draw in {REDRAWS} attempts (last: {last})")


def draw_objective(rng, name: str) -> tuple[dict, list[float], float]:
    """New constants and start for one objective, and its largest curvature (for plain-SGD step sizes)."""
    constants = json.loads(json.dumps(OBJECTIVES[name][0]))
    if name == "quadratic1d":
        a = rng.choice([0.5, 0.8, 1.25, 1.6, 2.0, 2.5, 3.2, 4.0, 5.0, 6.4, 8.0, 10.0])   # 1/a and 2/a are short decimals
        ws = round(rng.uniform(-3, 3), 2)
        w0 = round(ws + rng.choice([-1, 1]) * rng.uniform(1, 4), 2)
        constants.update(a=a, w_star=ws)
        return constants, [w0], a
    if name == "quadratic2d":
        p, r = round(rng.uniform(2, 12), 1), round(rng.uniform(0.5, 3), 1)
        q = round(rng.uniform(-0.8, 0.8) * math.sqrt(p * r), 1)
        det = p * r - q * q
        if det < 0.2:
            raise OracleError(f"A = [[{p}, {q}], [{q}, {r}]] is not safely positive definite")
        constants.update(A=[[p, q], [q, r]], b=[round(rng.uniform(-3, 3), 1) for _ in range(2)])
        lam_max = (p + r) / 2 + math.sqrt(((p - r) / 2) ** 2 + q * q)
        return constants, [round(rng.uniform(-3, 3), 1) for _ in range(2)], lam_max
    if name == "rosenbrock":
        return constants, [round(rng.uniform(-2, -0.5), 2), round(rng.uniform(0.5, 2.5), 2)], 0.0
    n = rng.randint(6, 10)
    xs = sorted({round(rng.uniform(-2, 2.5), 1) for _ in range(n)})
    if len(xs) < 5:
        raise OracleError("least-squares data needs at least five distinct x")
    slope, icpt = rng.uniform(-3, 3), rng.uniform(-1, 1)
    ys = [round(slope * x + icpt + rng.gauss(0, 0.2), 2) for x in xs]
    constants["data"] = {"x": xs, "y": ys}
    sx, sxx, m = sum(xs), sum(x * x for x in xs), len(xs)
    lam_max = (2 / m) * ((sxx + m) / 2 + math.sqrt(((sxx - m) / 2) ** 2 + sx * sx))   # Hessian (2/n) [[Sxx, Sx], [Sx, n]]
    return constants, [round(rng.uniform(-1, 1), 1) for _ in range(2)], lam_max


def draw_optimizer_args(rng, name: str, family: str, extra: dict, lam_max: float) -> dict:
    """A learning rate for the family (plain SGD stays below the stability limit 2/lambda_max, and monotone on
    quadratic1d as in the public case) and every extra argument redrawn within its meaning."""
    if family == "sgd":
        lr = nice(LEARNING_RATES[name]["sgd"] * rng.uniform(0.3, 1.0)) if name == "rosenbrock" else \
            nice(rng.uniform(0.1, 0.9 if name == "quadratic1d" else 1.8) / lam_max)
    elif family == "sgd_momentum":
        lr = nice(LEARNING_RATES[name]["sgd_momentum"] * rng.uniform(0.3, 1.0)) if name == "rosenbrock" else \
            nice(rng.uniform(0.02, 0.4) / lam_max)
    else:
        lr = nice(LEARNING_RATES[name][family] * log_uniform(rng, 0.3, 3.0))
    args = {"lr": lr}
    for k, v in extra.items():
        if isinstance(v, bool):
            args[k] = v                                  # nesterov, centered, amsgrad: the case's kind
        elif k == "momentum":
            args[k] = round(rng.uniform(0.5, 0.95) if family == "sgd_momentum" else rng.uniform(0.2, 0.9), 2)
        elif k == "dampening":
            args[k] = round(rng.uniform(0.05, 0.6), 2)
        elif k in ("weight_decay", "lr_decay"):
            args[k] = nice(log_uniform(rng, 1e-3, 0.2))
        elif k == "initial_accumulator_value":
            args[k] = nice(log_uniform(rng, 0.01, 2.0))
        elif k == "betas":
            args[k] = [round(rng.uniform(0.5, 0.95), 2), round(rng.uniform(0.9, 0.9999), 4)]
        elif k == "eps":
            args[k] = nice(log_uniform(rng, 1e-8, 1e-4), 1)
        else:
            raise OracleError(f"no rule to vary optimizer argument {k}")
    return args


def varied_optimizer_cases(maker: OptimizerCases, seed: int) -> list[dict]:
    out = []
    for name in OBJECTIVES:
        constants, x0, lam_max = redraw(f"{seed}/objective/{name}", lambda rng: draw_objective(rng, name))
        for suffix, cls, family, extra in CONFIGURATIONS:
            analysis = name == "quadratic1d" and suffix == "sgd"
            out.append(redraw(f"{seed}/optimizer/{name}/{suffix}", lambda rng: maker.case(
                name, suffix, cls, draw_optimizer_args(rng, name, family, extra, lam_max), analysis, constants, x0,
                bounded=True)))
        if name == "quadratic1d":
            a = constants["a"]
            # the four regimes of the public runs: lr*a = 1, in (1, 2), = 2, > 2 (and reaching 1e6 in 60 steps)
            for intent, lo, hi in (("one-step", 1, 1), ("zig-zag-convergence", 1.1, 1.9), ("oscillation", 2, 2),
                                   ("divergence", 2.3, 3.0)):
                def regime_case(rng, intent=intent, lo=lo, hi=hi):
                    lr = float(Fraction(repr(lo)) / exact(a)) if lo == hi else nice(rng.uniform(lo, hi) / a, 3)
                    if regime(exact(lr) * exact(a)) != intent:
                        raise OracleError(f"lr {lr} with a = {a} is not in the {intent} regime")
                    return maker.case(name, f"sgd_regime_lr_{lr!r}", "SGD", {"lr": lr}, True, constants, x0)
                out.append(redraw(f"{seed}/optimizer/{name}/regime/{intent}", regime_case))
    return out


def draw_schedule(rng, suffix: str, spec: dict, ospec: dict, steps: int) -> tuple[dict, dict, int]:
    """The public schedule's kind with new numbers: integers stay integers, milestones sorted inside the run,
    factors in their ranges, a warmup still warms up and a decay still decays; runs long enough to show it."""
    cls, a = spec["class"][len(LRS):], spec["args"]
    base = nice(log_uniform(rng, 0.01, 1.0))
    o = opt_spec(ospec["class"], **{**ospec["args"], "lr": base})
    if "momentum" in ospec["args"]:
        o["args"]["momentum"] = round(rng.uniform(0.3, 0.9), 2)
    steps = rng.randint(80, 220)
    if cls == "StepLR":
        n = rng.randint(5, steps // 3)
        return sched(cls, step_size=n, gamma=round(rng.uniform(0.1, 0.9), 2)), o, steps
    if cls == "MultiStepLR":
        k = len(a["milestones"])
        ms = sorted(rng.sample(range(1, steps), k - 1 if len(set(a["milestones"])) < k else k))
        if len(set(a["milestones"])) < k:
            ms = sorted(ms + [rng.choice(ms)])            # the repeated milestone
        return sched(cls, milestones=ms, gamma=round(rng.uniform(0.1, 0.9), 2)), o, steps
    if cls == "ExponentialLR":
        return sched(cls, gamma=round(rng.uniform(0.9, 0.995), 3)), o, steps
    if cls == "CosineAnnealingLR":
        t_max = rng.randint(10, 60)
        eta = nice(base * rng.uniform(0.01, 0.3)) if a.get("eta_min") else 0.0
        return sched(cls, T_max=t_max, eta_min=eta), o, t_max * rng.randint(3, 5)
    if cls == "CosineAnnealingWarmRestarts":
        t0, mult = rng.randint(4, 25), (rng.choice([2, 3]) if a["T_mult"] > 1 else 1)
        eta = nice(base * rng.uniform(0.001, 0.2)) if a["eta_min"] else 0.0
        return sched(cls, T_0=t0, T_mult=mult, eta_min=eta), o, max(steps, t0 * (1 + mult) + t0)
    if cls == "LinearLR":
        n = rng.randint(5, steps - 10)
        if a["start_factor"] < a["end_factor"]:
            sf, ef = round(rng.uniform(0.01, 0.5), 2), round(rng.uniform(0.8, 1.0), 2)
        else:
            sf, ef = round(rng.uniform(0.8, 1.0), 2), round(rng.uniform(0.01, 0.3), 2)
        return sched(cls, start_factor=sf, end_factor=ef, total_iters=n), o, steps
    if cls == "ConstantLR":
        return sched(cls, factor=round(rng.uniform(0.1, 0.9), 2), total_iters=rng.randint(3, 40)), o, steps
    if cls == "PolynomialLR":
        power = 1.0 if a["power"] == 1.0 else round(rng.uniform(1.5, 3.0), 1)
        return sched(cls, total_iters=rng.randint(20, steps - 10), power=power), o, steps   # run past total_iters
    if cls == "LambdaLR":
        return sched(cls, lr_lambda={**LINEAR_WARMUP, "warmup": rng.randint(3, 30)}), o, steps
    if cls == "OneCycleLR":
        total = rng.randint(50, 200)
        args = {"max_lr": nice(log_uniform(rng, 0.005, 1.0)), "total_steps": total}
        for k in ("anneal_strategy", "three_phase"):
            if k in a:
                args[k] = a[k]
        if "pct_start" in a:
            args.update(pct_start=round(rng.uniform(0.1, 0.45), 2), div_factor=nice(rng.uniform(5, 50)),
                        final_div_factor=nice(log_uniform(rng, 10, 1e4)))
        if args.get("pct_start", 0.3) * total < 3:
            raise OracleError("the warm-up phase of OneCycleLR would be shorter than 2 steps")
        return sched(cls, **args), o, total
    if cls == "CyclicLR":
        lo = nice(log_uniform(rng, 1e-4, 1e-2))
        args = {"base_lr": lo, "max_lr": nice(lo * rng.uniform(2, 10)), "step_size_up": rng.randint(5, 30)}
        if "step_size_down" in a:
            args["step_size_down"] = rng.choice([d for d in range(5, 41) if d != args["step_size_up"]])
        args["mode"] = a["mode"]
        if "gamma" in a:
            args["gamma"] = round(rng.uniform(0.95, 0.999), 3)
        args["cycle_momentum"] = a["cycle_momentum"]
        if a["cycle_momentum"]:
            bm = round(rng.uniform(0.5, 0.85), 2)
            args.update(base_momentum=bm, max_momentum=round(rng.uniform(bm + 0.05, 0.99), 2))
        size = args["step_size_up"] + args.get("step_size_down", args["step_size_up"])
        return sched(cls, **args), o, size * rng.randint(3, 5) + rng.randint(0, size - 1)
    if cls == "SequentialLR":
        w = rng.randint(3, 30)
        warm = sched("LinearLR", start_factor=round(rng.uniform(0.01, 0.5), 2), end_factor=1.0, total_iters=w)
        return sched(cls, milestones=[w], schedulers=[warm, sched("CosineAnnealingLR", T_max=steps - w)]), o, steps
    if cls == "ChainedScheduler":
        children = []
        for child in a["schedulers"]:
            c, ca = child["class"][len(LRS):], child["args"]
            if c == "ConstantLR":
                children.append(sched(c, factor=round(rng.uniform(0.1, 0.9), 2), total_iters=rng.randint(2, 20)))
            elif c == "ExponentialLR":
                children.append(sched(c, gamma=round(rng.uniform(0.9, 0.995), 3)))
            elif c == "LinearLR":
                children.append(sched(c, start_factor=round(rng.uniform(0.05, 0.5), 2), end_factor=ca["end_factor"],
                                      total_iters=rng.randint(3, 30)))
            elif c == "StepLR":
                children.append(sched(c, step_size=rng.randint(10, steps // 3), gamma=round(rng.uniform(0.1, 0.9), 2)))
            else:
                raise OracleError(f"no rule to vary chained {c}")
        return sched(cls, schedulers=children), o, steps
    raise OracleError(f"no rule to vary {cls}")


def draw_curve(rng, curve):
    """A metric curve of the public curve's shape (falling loss, rising accuracy, rising loss), new constants."""
    if curve is rising_curve:
        c0, slope = round(rng.uniform(0.1, 2.0), 2), nice(log_uniform(rng, 1e-4, 1e-2))
        return lambda t: c0 + slope * t
    fl, amp, tau = rng.uniform(0.1, 0.5), rng.uniform(0.3, 1.0), rng.uniform(8, 25)
    r1, w1, r2, w2, ph = rng.uniform(0.005, 0.03), rng.uniform(1.0, 2.5), rng.uniform(0.003, 0.015), \
        rng.uniform(0.2, 0.6), rng.uniform(0, 3)
    if curve is loss_curve:
        return lambda t: fl + amp * math.exp(-t / tau) + r1 * math.sin(w1 * t) + r2 * math.sin(w2 * t + ph)
    top = rng.uniform(0.8, 0.97)
    return lambda t: top - amp / 2 * math.exp(-t / tau) + r1 / 2 * math.sin(w1 * t) + r2 / 2 * math.sin(w2 * t + ph)


def draw_plateau(maker: SchedulerCases, rng, suffix: str, args: dict, lr0: float, steps: int, curve) -> dict:
    """ReduceLROnPlateau with the public case's mode, threshold mode and options, new numbers and a new curve;
    a min_lr case must reach its clamp, the eps case must end on a skipped reduction."""
    new = {"mode": args["mode"], "factor": round(rng.uniform(0.1, 0.8), 2),
           "patience": rng.randint(0, 1) if args["patience"] == 0 else rng.randint(1, 6)}
    lr = nice(log_uniform(rng, 1e-6, 1e-4)) if suffix == "eps_floor" else nice(log_uniform(rng, 0.01, 1.0))
    if "threshold" in args:
        new["threshold"] = nice(log_uniform(rng, 1e-4, 1e-2) if args["threshold_mode"] == "rel" else
                                log_uniform(rng, 1e-3, 2e-2))
        new["threshold_mode"] = args["threshold_mode"]
    if "cooldown" in args:
        new["cooldown"] = rng.randint(1, 5)
    if "min_lr" in args:
        new["min_lr"] = nice(lr * new["factor"] ** rng.uniform(1.5, 3.5))
    steps = rng.randint(80, 200)
    c = maker.plateau_case(suffix, new, lr, steps, draw_curve(rng, curve))
    lrs = c["trace"]["lr"]
    if "min_lr" in new and lrs[-1] != new["min_lr"]:
        raise OracleError(f"{c['id']}: the lr never reaches min_lr {new['min_lr']}")
    if suffix == "eps_floor" and not lrs[-1] - lrs[-1] * new["factor"] <= 1e-8:
        raise OracleError(f"{c['id']}: the run ends before a reduction smaller than eps")
    return c


def varied_scheduler_cases(maker: SchedulerCases, seed: int) -> list[dict]:
    out = [redraw(f"{seed}/scheduler/{s[0]}", lambda rng, s=s: maker.schedule_case(s[0], *draw_schedule(rng, *s)))
           for s in SCHEDULES]
    return out + [redraw(f"{seed}/plateau/{p[0]}", lambda rng, p=p: draw_plateau(maker, rng, *p)) for p in PLATEAUS]


def varied_seed_cases(maker: SeedCases, seed: int) -> list[dict]:
    """Each seed family keeps its objective and the regimes of its learning rates (as lr*a, a = 2 or f'' = 1)."""
    out = []
    for family, _, c, _, _, lrs in SEED_FAMILIES:
        a = Fraction(2) if c is not None else Fraction(1)

        def start(rng, c=c):
            nc = None if c is None else round(rng.uniform(-5, 5), 1)
            x0 = round(rng.uniform(-3, 3), 1) if c is None else round(nc + rng.choice([-1, 1]) * rng.uniform(1, 6), 1)
            return nc, x0, rng.randint(8, 50)
        nc, x0, steps = redraw(f"{seed}/seed/{family}", start)
        for i, lr in enumerate(lrs):
            intent = regime(exact(lr) * a)
            lo, hi = {"monotone-convergence": (0.02, 0.95), "one-step": (1, 1), "zig-zag-convergence": (1.05, 1.95),
                      "oscillation": (2, 2), "divergence": (2.05, 2.6)}[intent]

            def one(rng, intent=intent, lo=lo, hi=hi):
                new = float(Fraction(repr(lo)) / a) if lo == hi else nice(rng.uniform(lo, hi) / float(a), 3)
                if regime(exact(new) * a) != intent:
                    raise OracleError(f"lr {new} is not in the {intent} regime")
                what = f"c = {nc}, w_0 = {x0}" if nc is not None else f"x_0 = {x0}"
                source = f"varied-{seed} {family}: {what}, {steps} iterations, lr {new} ({intent})"
                return maker.case(family, source, nc, x0, steps, new)
            out.append(redraw(f"{seed}/seed/{family}/{i}", one))
    return out


def generate(out: Path, seed: int | None = None) -> int:
    """Write the three files into out: the public set, or with seed the varied set varied-SEED."""
    import warnings
    warnings.filterwarnings("ignore", message="Failed to initialize NumPy")   # torch runs without NumPy here
    import torch
    if torch.__version__.split("+")[0] != TORCH_VERSION:
        print(f"oracles: warning: torch {torch.__version__}, the committed traces come from {TORCH_VERSION}",
              file=sys.stderr)
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    out.mkdir(parents=True, exist_ok=True)
    prefix = "public" if seed is None else f"varied-{seed}"
    makers = {"optimizers.json": (OptimizerCases(torch, prefix), varied_optimizer_cases),
              "schedulers.json": (SchedulerCases(torch, prefix), varied_scheduler_cases),
              "seed_examples.json": (SeedCases(torch, prefix), varied_seed_cases)}
    for name, (maker, varied) in makers.items():
        cases = maker.cases() if seed is None else varied(maker, seed)
        write(out / name, cases)
        worst, where = maker.worst
        print(f"{name}: {len(cases)} cases, rtol {max(c['tolerance']['rtol'] for c in cases):g}; largest disagreement "
              f"with the plain-Python reference {worst:.2g} ({where or 'none'}) -> {out / name}")
    print(f"torch {torch.__version__}, Python {sys.version.split()[0]}")
    return 0


# --------------------------------------------------------------------------------------------------
# Comparison of two sets of traces, case by case
# --------------------------------------------------------------------------------------------------

def compare_case(ref: dict, got: dict) -> tuple[str, str]:
    """('same' | 'within' | 'differ', detail): numbers under trace within the case's tolerance, every other
    value identical (numbers outside the trace within rtol)."""
    tol = ref.get("tolerance", {})
    rtol, atol, exact_series = tol.get("rtol", 0.0), tol.get("atol", {}), set(tol.get("exact", []))
    worst = [0.0, 0]

    def walk(a, b, path: str, series: str | None):
        if isinstance(a, dict) and isinstance(b, dict):
            if list(a) != list(b):
                return f"{path}: keys {list(b)}, expected {list(a)}"
            for k in a:
                inner = k if path == "trace" else series
                err = walk(a[k], b[k], f"{path}.{k}" if path else k, inner)
                if err:
                    return err
            return None
        if isinstance(a, list) and isinstance(b, list):
            if len(a) != len(b):
                return f"{path}: length {len(b)}, expected {len(a)}"
            for i, (x, y) in enumerate(zip(a, b)):
                err = walk(x, y, f"{path}[{i}]", series)
                if err:
                    return err
            return None
        if type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))
                                           and not isinstance(a, bool) and not isinstance(b, bool)):
            return f"{path}: {b!r}, expected {a!r}"
        if isinstance(a, (int, float)) and not isinstance(a, bool):
            if a == b and type(a) is type(b):
                return None
            exact_only = path.startswith(("tolerance", "input", "torch", "optimizer", "steps", "x0")) or \
                series in exact_series
            allowed = 0.0 if exact_only else rtol * abs(a) + (atol.get(series, 0.0) if series else 0.0)
            if abs(a - b) > allowed:
                return f"{path}: {b!r}, expected {a!r} (allowed difference {allowed:.2g})"
            worst[0] = max(worst[0], abs(a - b) / abs(a) if a else abs(a - b))
            worst[1] += 1          # also 99 against 99.0: the same double, written differently
            return None
        return None if a == b else f"{path}: {b!r}, expected {a!r}"

    err = walk(ref, got, "", None)
    if err:
        return "differ", err
    if worst[1] == 0:
        return "same", ""
    return "within", f"{worst[1]} numbers differ, max_rel_err={worst[0]:.2g}"


def compare(reference_dir: Path, other_dir: Path) -> int:
    counts = {"same": 0, "within": 0, "differ": 0}
    for name in FILES:
        try:
            ref_cases = json.loads((reference_dir / name).read_text())
            got_cases = {c["id"]: c for c in json.loads((other_dir / name).read_text())}
        except (OSError, ValueError) as e:
            print(f"DIFFER {name} {e}")
            counts["differ"] += 1
            continue
        ref_ids = [c["id"] for c in ref_cases]
        for c in ref_cases:
            got = got_cases.get(c["id"])
            verdict, detail = ("differ", "missing") if got is None else compare_case(c, got)
            counts[verdict] += 1
            label = {"same": "SAME", "within": "WITHIN", "differ": "DIFFER"}[verdict]
            print(f"{label} {c['id']}{' ' + detail if detail else ''}")
        for extra in got_cases.keys() - set(ref_ids):
            counts["differ"] += 1
            print(f"DIFFER {extra} not in {reference_dir / name}")
        if list(got_cases) != ref_ids and set(got_cases) == set(ref_ids):
            print(f"NOTE {name}: same cases in another order")
        elif (reference_dir / name).read_bytes() == (other_dir / name).read_bytes():
            print(f"NOTE {name}: byte for byte identical")
    print(f"{counts['same']} identical, {counts['within']} within tolerance, {counts['differ']} differ")
    return 0 if counts["differ"] == 0 else 1


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="write the three oracle files from PyTorch")
    g.add_argument("--out", type=Path, required=True)
    g.add_argument("--vary", type=int, metavar="SEED",
                   help="the same kinds of case with every number drawn anew from SEED (ids varied-SEED/...)")
    c = sub.add_parser("compare", help="compare two folders of oracle files case by case")
    c.add_argument("reference", type=Path)
    c.add_argument("other", type=Path)
    a = p.parse_args(argv)
    try:
        return generate(a.out, a.vary) if a.command == "generate" else compare(a.reference, a.other)
    except OracleError as e:
        print(f"oracles: error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
