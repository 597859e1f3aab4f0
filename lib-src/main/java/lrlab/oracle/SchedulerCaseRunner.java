package lrlab.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import lrlab.optim.Optimizer;
import lrlab.schedule.ChainedScheduler;
import lrlab.schedule.CosineAnnealingLR;
import lrlab.schedule.CosineAnnealingWarmRestarts;
import lrlab.schedule.ConstantLR;
import lrlab.schedule.CyclicLR;
import lrlab.schedule.ExponentialLR;
import lrlab.schedule.LambdaLR;
import lrlab.schedule.LinearLR;
import lrlab.schedule.LrScheduler;
import lrlab.schedule.MultiStepLR;
import lrlab.schedule.OneCycleLR;
import lrlab.schedule.PolynomialLR;
import lrlab.schedule.ReduceLROnPlateau;
import lrlab.schedule.Scheduler;
import lrlab.schedule.SequentialLR;
import lrlab.schedule.StepLR;

/**
 * Replays {@code kind: "scheduler"} cases: builds a {@link ParamGroupsOnly} from
 * {@code case.optimizer}, the scheduler from {@code torch.class}/{@code torch.args}, runs the
 * README's recording loop and compares lr (and momentum, beta1; best, num_bad_epochs,
 * cooldown_counter for ReduceLROnPlateau, the latter two exactly).
 */
public final class SchedulerCaseRunner implements CaseRunner {

    private static final String PREFIX = "torch.optim.lr_scheduler.";

    private static final Map<String, Set<String>> ARGS = Map.ofEntries(
            Map.entry("StepLR", Set.of("step_size", "gamma", "last_epoch")),
            Map.entry("MultiStepLR", Set.of("milestones", "gamma", "last_epoch")),
            Map.entry("ExponentialLR", Set.of("gamma", "last_epoch")),
            Map.entry("CosineAnnealingLR", Set.of("T_max", "eta_min", "last_epoch")),
            Map.entry("CosineAnnealingWarmRestarts", Set.of("T_0", "T_mult", "eta_min", "last_epoch")),
            Map.entry("LinearLR", Set.of("start_factor", "end_factor", "total_iters", "last_epoch")),
            Map.entry("ConstantLR", Set.of("factor", "total_iters", "last_epoch")),
            Map.entry("PolynomialLR", Set.of("total_iters", "power", "last_epoch")),
            Map.entry("LambdaLR", Set.of("lr_lambda", "last_epoch")),
            Map.entry("OneCycleLR", Set.of("max_lr", "total_steps", "epochs", "steps_per_epoch", "pct_start",
                    "anneal_strategy", "cycle_momentum", "base_momentum", "max_momentum", "div_factor",
                    "final_div_factor", "three_phase", "last_epoch")),
            Map.entry("CyclicLR", Set.of("base_lr", "max_lr", "step_size_up", "step_size_down", "mode", "gamma",
                    "cycle_momentum", "base_momentum", "max_momentum", "last_epoch")),
            Map.entry("SequentialLR", Set.of("schedulers", "milestones", "last_epoch")),
            Map.entry("ChainedScheduler", Set.of("schedulers")),
            Map.entry("ReduceLROnPlateau", Set.of("mode", "factor", "patience", "threshold", "threshold_mode",
                    "cooldown", "min_lr", "eps")));

    @Override
    public String kind() {
        return "scheduler";
    }

    @Override
    public CaseResult run(JsonNode c) {
        String id = c.path("id").asText("(no id)");
        try {
            return replay(id, c);
        } catch (OracleFormatException | IllegalArgumentException | IllegalStateException e) {
            return CaseResult.fail(id, e.getMessage());
        }
    }

    private CaseResult replay(String id, JsonNode c) {
        JsonNode torch = require(c, "torch");
        JsonNode trace = require(c, "trace");
        int n = require(c, "steps").asInt(-1);
        if (!c.get("steps").canConvertToInt() || n < 0) {
            throw new OracleFormatException("steps must be a non-negative integer, got " + c.get("steps"));
        }
        Tolerance tol = Tolerance.of(c.get("tolerance"));
        ParamGroupsOnly opt = optimizer(require(c, "optimizer"));
        String cls = shortName(torch);
        SeriesCheck check = new SeriesCheck(tol);
        Set<String> exact = new java.util.HashSet<>();
        c.path("tolerance").path("exact").forEach(e -> exact.add(e.asText()));
        Iterator<String> names = trace.fieldNames();
        while (names.hasNext()) {
            String s = names.next();
            if (!Set.of("lr", "momentum", "beta1", "best", "num_bad_epochs", "cooldown_counter").contains(s)) {
                throw new OracleFormatException("unknown trace series '" + s + "'");
            }
        }
        if ("ReduceLROnPlateau".equals(cls)) {
            JsonNode metrics = c.path("input").path("metrics");
            if (!metrics.isArray() || metrics.size() < n) {
                throw new OracleFormatException("input.metrics must be an array of at least " + n + " numbers");
            }
            ReduceLROnPlateau sched = plateau(args(torch, cls), opt);
            double[] lr = new double[n];
            double[] best = new double[n];
            double[] bad = new double[n];
            double[] cool = new double[n];
            for (int t = 0; t < n; t++) {
                lr[t] = sched.lastLr();
                opt.step(null, null);
                sched.step(number(metrics.get(t), "input.metrics[" + t + "]"));
                best[t] = sched.best();
                bad[t] = sched.numBadEpochs();
                cool[t] = sched.cooldownCounter();
            }
            compare(check, exact, trace, "lr", lr);
            compare(check, exact, trace, "best", best);
            compare(check, exact, trace, "num_bad_epochs", bad);
            compare(check, exact, trace, "cooldown_counter", cool);
            return check.result(id);
        }
        Scheduler sched = build(torch, opt);
        boolean wantMomentum = trace.has("momentum") || trace.has("beta1");
        if (wantMomentum && !opt.hasMomentum()) {
            throw new OracleFormatException("trace has momentum/beta1 but " + opt.torchClass() + " has neither");
        }
        double[] lr = new double[n];
        double[] mom = new double[n];
        for (int t = 0; t < n; t++) {
            lr[t] = sched.lastLr();
            if (wantMomentum) {
                mom[t] = opt.momentum(0);
            }
            opt.step(null, null);
            sched.step();
        }
        compare(check, exact, trace, "lr", lr);
        if (trace.has("momentum")) {
            compare(check, exact, trace, "momentum", mom);
        }
        if (trace.has("beta1")) {
            compare(check, exact, trace, "beta1", mom);
        }
        return check.result(id);
    }

    private static void compare(SeriesCheck check, Set<String> exact, JsonNode trace, String series, double[] got) {
        JsonNode expected = trace.get(series);
        if (expected == null) {
            throw new OracleFormatException("trace." + series + " is missing");
        }
        if (!exact.contains(series)) {
            check.compare(series, got, expected);
            return;
        }
        if (!expected.isArray() || expected.size() != got.length) {
            check.fail(series + ": length " + got.length + ", expected " + expected.size());
            return;
        }
        for (int i = 0; i < got.length; i++) {
            double e = expected.get(i).asDouble();
            if (got[i] != e) {
                check.fail(series + "[" + i + "]: got " + got[i] + ", expected exactly " + e);
                return;
            }
        }
    }

    // ---- optimizer stand-in ----

    private static ParamGroupsOnly optimizer(JsonNode spec) {
        String cls = require(spec, "class").asText();
        JsonNode args = spec.path("args");
        double lr = number(require(args, "lr"), "optimizer.args.lr");
        switch (cls) {
            case "torch.optim.SGD":
            case "torch.optim.RMSprop":
                return new ParamGroupsOnly(cls, lr, true, args.has("momentum") ? number(args.get("momentum"),
                        "optimizer.args.momentum") : 0.0);
            case "torch.optim.Adam":
            case "torch.optim.AdamW": {
                double beta1 = 0.9;
                if (args.has("betas")) {
                    JsonNode b = args.get("betas");
                    if (!b.isArray() || b.size() != 2) {
                        throw new OracleFormatException("optimizer.args.betas must be a list of two numbers");
                    }
                    beta1 = number(b.get(0), "optimizer.args.betas[0]");
                }
                return new ParamGroupsOnly(cls, lr, true, beta1);
            }
            case "torch.optim.Adagrad":
                return new ParamGroupsOnly(cls, lr, false, 0.0);
            default:
                throw new OracleFormatException("unknown optimizer class '" + cls + "'");
        }
    }

    // ---- schedulers ----

    private static String shortName(JsonNode torch) {
        String cls = require(torch, "class").asText();
        if (!cls.startsWith(PREFIX) || !ARGS.containsKey(cls.substring(PREFIX.length()))) {
            throw new OracleFormatException("unknown scheduler class '" + cls + "'");
        }
        return cls.substring(PREFIX.length());
    }

    private static JsonNode args(JsonNode torch, String cls) {
        JsonNode args = torch.path("args");
        if (!args.isObject() && !args.isMissingNode()) {
            throw new OracleFormatException(cls + ": torch.args is not an object");
        }
        Iterator<String> it = args.fieldNames();
        while (it.hasNext()) {
            String a = it.next();
            if (!ARGS.get(cls).contains(a)) {
                throw new OracleFormatException("unknown argument '" + a + "' for " + cls);
            }
        }
        if (args.has("last_epoch") && args.get("last_epoch").asInt() != -1) {
            throw new OracleFormatException(cls + ": last_epoch other than -1 (resuming) is not supported");
        }
        return args;
    }

    private static Scheduler build(JsonNode torch, Optimizer opt) {
        String cls = shortName(torch);
        JsonNode a = args(torch, cls);
        switch (cls) {
            case "StepLR":
                return new StepLR(opt, integer(a, "step_size", null), dbl(a, "gamma", 0.1));
            case "MultiStepLR": {
                JsonNode ms = require(a, "milestones");
                int[] m = ints(ms, "milestones");
                return new MultiStepLR(opt, m, dbl(a, "gamma", 0.1));
            }
            case "ExponentialLR":
                return new ExponentialLR(opt, dbl(a, "gamma", null));
            case "CosineAnnealingLR":
                return new CosineAnnealingLR(opt, integer(a, "T_max", null), dbl(a, "eta_min", 0.0));
            case "CosineAnnealingWarmRestarts":
                return new CosineAnnealingWarmRestarts(opt, integer(a, "T_0", null), integer(a, "T_mult", 1),
                        dbl(a, "eta_min", 0.0));
            case "LinearLR":
                return new LinearLR(opt, dbl(a, "start_factor", 1.0 / 3), dbl(a, "end_factor", 1.0),
                        integer(a, "total_iters", 5));
            case "ConstantLR":
                return new ConstantLR(opt, dbl(a, "factor", 1.0 / 3), integer(a, "total_iters", 5));
            case "PolynomialLR":
                return new PolynomialLR(opt, integer(a, "total_iters", 5), dbl(a, "power", 1.0));
            case "LambdaLR":
                return new LambdaLR(opt, lambda(require(a, "lr_lambda")));
            case "OneCycleLR":
                return oneCycle(a, opt);
            case "CyclicLR":
                return cyclic(a, opt);
            case "SequentialLR": {
                List<LrScheduler> children = new ArrayList<>();
                for (JsonNode child : children(a, cls)) {
                    Scheduler s = build(child, opt);
                    if (!(s instanceof LrScheduler)) {
                        throw new OracleFormatException("SequentialLR cannot hold " + shortName(child));
                    }
                    children.add((LrScheduler) s);
                }
                return new SequentialLR(opt, children, ints(require(a, "milestones"), "milestones"));
            }
            case "ChainedScheduler": {
                List<Scheduler> children = new ArrayList<>();
                for (JsonNode child : children(a, cls)) {
                    children.add(build(child, opt));
                }
                return new ChainedScheduler(children);
            }
            case "ReduceLROnPlateau":
                throw new OracleFormatException("ReduceLROnPlateau cannot be nested in another scheduler");
            default:
                throw new OracleFormatException("unknown scheduler class '" + cls + "'");
        }
    }

    private static JsonNode children(JsonNode a, String cls) {
        JsonNode list = require(a, "schedulers");
        if (!list.isArray() || list.isEmpty()) {
            throw new OracleFormatException(cls + ": args.schedulers must be a non-empty list");
        }
        return list;
    }

    private static IntToDoubleFunction lambda(JsonNode spec) {
        String name = spec.path("name").asText("");
        if ("linear_warmup".equals(name)) {
            Iterator<String> it = spec.fieldNames();
            while (it.hasNext()) {
                String k = it.next();
                if (!Set.of("name", "warmup", "python").contains(k)) {
                    throw new OracleFormatException("unknown argument '" + k + "' for lambda linear_warmup");
                }
            }
            return LambdaLR.linearWarmupFromZero(integer(spec, "warmup", null));
        }
        throw new OracleFormatException("unknown lr_lambda name '" + name + "'");
    }

    private static OneCycleLR oneCycle(JsonNode a, Optimizer opt) {
        int total;
        if (a.has("total_steps") && !a.get("total_steps").isNull()) {
            total = integer(a, "total_steps", null);
        } else if (a.has("epochs") && a.has("steps_per_epoch")) {
            total = integer(a, "epochs", null) * integer(a, "steps_per_epoch", null);
        } else {
            throw new OracleFormatException("OneCycleLR needs total_steps, or epochs and steps_per_epoch");
        }
        double[] maxLrs = a.path("max_lr").isArray() ? doubles(a.get("max_lr"), "max_lr") : null;
        OneCycleLR.Builder b = OneCycleLR.builder(maxLrs != null && maxLrs.length > 0 ? maxLrs[0]
                : dbl(a, "max_lr", null), total)
                .pctStart(dbl(a, "pct_start", 0.3))
                .cycleMomentum(bool(a, "cycle_momentum", true))
                .baseMomentum(dbl(a, "base_momentum", 0.85))
                .maxMomentum(dbl(a, "max_momentum", 0.95))
                .divFactor(dbl(a, "div_factor", 25.0))
                .finalDivFactor(dbl(a, "final_div_factor", 1e4))
                .threePhase(bool(a, "three_phase", false));
        if (maxLrs != null) {
            b.maxLrs(maxLrs);
        }
        String anneal = a.path("anneal_strategy").asText("cos");
        switch (anneal) {
            case "cos":
                b.anneal(OneCycleLR.Anneal.COS);
                break;
            case "linear":
                b.anneal(OneCycleLR.Anneal.LINEAR);
                break;
            default:
                throw new OracleFormatException("OneCycleLR: unknown anneal_strategy '" + anneal + "'");
        }
        return b.build(opt);
    }

    private static CyclicLR cyclic(JsonNode a, Optimizer opt) {
        CyclicLR.Builder b = CyclicLR.builder(dbl(a, "base_lr", null), dbl(a, "max_lr", null))
                .stepSizeUp(dbl(a, "step_size_up", 2000.0))
                .gamma(dbl(a, "gamma", 1.0))
                .cycleMomentum(bool(a, "cycle_momentum", true))
                .baseMomentum(dbl(a, "base_momentum", 0.8))
                .maxMomentum(dbl(a, "max_momentum", 0.9));
        if (a.has("step_size_down") && !a.get("step_size_down").isNull()) {
            b.stepSizeDown(dbl(a, "step_size_down", null));
        }
        String mode = a.path("mode").asText("triangular");
        switch (mode) {
            case "triangular":
                b.mode(CyclicLR.Mode.TRIANGULAR);
                break;
            case "triangular2":
                b.mode(CyclicLR.Mode.TRIANGULAR2);
                break;
            case "exp_range":
                b.mode(CyclicLR.Mode.EXP_RANGE);
                break;
            default:
                throw new OracleFormatException("CyclicLR: unknown mode '" + mode + "'");
        }
        return b.build(opt);
    }

    private static ReduceLROnPlateau plateau(JsonNode a, Optimizer opt) {
        ReduceLROnPlateau.Builder b = ReduceLROnPlateau.builder()
                .factor(dbl(a, "factor", 0.1))
                .patience(integer(a, "patience", 10))
                .threshold(dbl(a, "threshold", 1e-4))
                .cooldown(integer(a, "cooldown", 0))
                .eps(dbl(a, "eps", 1e-8));
        if (a.path("min_lr").isArray()) {
            double[] floors = new double[a.get("min_lr").size()];
            for (int i = 0; i < floors.length; i++) {
                floors[i] = number(a.get("min_lr").get(i), "argument 'min_lr[" + i + "]'");
            }
            b.minLrs(floors);
        } else {
            b.minLr(dbl(a, "min_lr", 0.0));
        }
        String mode = a.path("mode").asText("min");
        switch (mode) {
            case "min":
                b.mode(ReduceLROnPlateau.Mode.MIN);
                break;
            case "max":
                b.mode(ReduceLROnPlateau.Mode.MAX);
                break;
            default:
                throw new OracleFormatException("ReduceLROnPlateau: unknown mode '" + mode + "'");
        }
        String tm = a.path("threshold_mode").asText("rel");
        switch (tm) {
            case "rel":
                b.thresholdMode(ReduceLROnPlateau.ThresholdMode.REL);
                break;
            case "abs":
                b.thresholdMode(ReduceLROnPlateau.ThresholdMode.ABS);
                break;
            default:
                throw new OracleFormatException("ReduceLROnPlateau: unknown threshold_mode '" + tm + "'");
        }
        return b.build(opt);
    }

    // ---- JSON helpers ----

    private static JsonNode require(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new OracleFormatException("missing key '" + key + "'");
        }
        return v;
    }

    private static double number(JsonNode v, String what) {
        if (v == null || !v.isNumber()) {
            throw new OracleFormatException(what + " must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static double dbl(JsonNode a, String key, Double dflt) {
        if (!a.has(key) || a.get(key).isNull()) {
            if (dflt == null) {
                throw new OracleFormatException("missing argument '" + key + "'");
            }
            return dflt;
        }
        return number(a.get(key), "argument '" + key + "'");
    }

    private static int integer(JsonNode a, String key, Integer dflt) {
        if (!a.has(key) || a.get(key).isNull()) {
            if (dflt == null) {
                throw new OracleFormatException("missing argument '" + key + "'");
            }
            return dflt;
        }
        JsonNode v = a.get(key);
        if (!v.isNumber() || v.asDouble() != Math.rint(v.asDouble())) {
            throw new OracleFormatException("argument '" + key + "' must be an integer, got " + v);
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode a, String key, boolean dflt) {
        if (!a.has(key) || a.get(key).isNull()) {
            return dflt;
        }
        if (!a.get(key).isBoolean()) {
            throw new OracleFormatException("argument '" + key + "' must be true or false, got " + a.get(key));
        }
        return a.get(key).asBoolean();
    }

    private static double[] doubles(JsonNode list, String what) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(list.get(i), what + "[" + i + "]");
        }
        return out;
    }

    private static int[] ints(JsonNode list, String what) {
        if (!list.isArray()) {
            throw new OracleFormatException(what + " must be a list of integers");
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = list.get(i);
            if (!v.isNumber() || v.asDouble() != Math.rint(v.asDouble())) {
                throw new OracleFormatException(what + "[" + i + "] must be an integer, got " + v);
            }
            out[i] = v.asInt();
        }
        return out;
    }
}
