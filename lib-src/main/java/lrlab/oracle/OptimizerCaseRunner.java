package lrlab.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import lrlab.analysis.QuadraticStability;
import lrlab.analysis.Regime;
import lrlab.objective.LeastSquares;
import lrlab.objective.Objective;
import lrlab.objective.QuadraticForm;
import lrlab.objective.Rosenbrock;
import lrlab.optim.Optimizer;

/**
 * Replays {@code kind: "optimizer"} oracle cases: builds the objective from {@code objective}, the
 * optimizer from {@code torch.class} and {@code torch.args} (see {@link TorchOptimizers}), then runs
 * the standard torch loop — record L(x) and ∇L(x), step, record x — for {@code steps} steps, stopping
 * after the first step whose parameters leave |x| ≤ 1e6 (a diverging run), and compares
 * {@code trace.loss}, {@code trace.grad} and {@code trace.params} under the case's tolerance. On
 * {@code quadratic1d} it also checks the objective's {@code stability_limit_lr} and {@code optimal_lr},
 * and a case's {@code analysis} block (a, 2/a, 1/a, ηa, 1 − ηa, regime, and {@code diverges} against
 * the regime) against {@link QuadraticStability} and {@link Regime} (see {@link AnalysisCheck}).
 */
public final class OptimizerCaseRunner implements CaseRunner {

    /** A run is cut after the first step with some |xᵢ| above this bound (or non-finite). */
    public static final double DIVERGENCE_BOUND = 1e6;

    /** {@code "optimizer"}. */
    @Override
    public String kind() {
        return "optimizer";
    }

    @Override
    public CaseResult run(JsonNode c) {
        String id = c.path("id").isTextual() ? c.get("id").asText() : "(optimizer case without id)";
        try {
            return replay(id, c);
        } catch (OracleFormatException | IllegalArgumentException | IllegalStateException e) {
            return CaseResult.fail(id, e.getMessage());
        }
    }

    private CaseResult replay(String id, JsonNode c) {
        Objective objective = objective(required(c, "objective"));
        double[] x = Json.vector(required(c, "x0"), "x0");
        if (x.length != objective.dimension()) {
            throw new OracleFormatException("x0 has length " + x.length + " but objective '"
                    + c.get("objective").path("name").asText() + "' has dimension " + objective.dimension());
        }
        int steps = Json.count(required(c, "steps"), "steps");
        int expectedRecorded = c.has("steps_recorded") ? Json.count(c.get("steps_recorded"), "steps_recorded") : steps;
        Optimizer optimizer = TorchOptimizers.build(required(c, "torch"));
        double lr = optimizer.lr();
        Tolerance tolerance = Tolerance.of(c.get("tolerance"));
        JsonNode trace = required(c, "trace");

        int d = x.length;
        double[] loss = new double[steps];
        double[][] grads = new double[steps][];
        double[][] params = new double[steps][];
        double[] g = new double[d];
        int recorded = 0;
        boolean diverged = false;
        while (recorded < steps && !diverged) {
            loss[recorded] = objective.valueAndGradient(x, g);
            grads[recorded] = g.clone();
            optimizer.step(x, g);
            params[recorded] = x.clone();
            recorded++;
            diverged = outOfBounds(x);
        }

        SeriesCheck check = new SeriesCheck(tolerance);
        if (recorded != expectedRecorded) {
            check.fail("recorded " + recorded + " steps" + (diverged ? " (diverged)" : "") + ", expected steps_recorded "
                    + expectedRecorded);
        }
        if (c.has("diverges") && c.get("diverges").asBoolean() != diverged) {
            check.fail("diverges: got " + diverged + ", expected " + c.get("diverges").asBoolean());
        }
        JsonNode analysis = c.get("analysis");
        if (analysis != null && !analysis.isNull()) {
            if (!(objective instanceof Quadratic1d q) || !analysis.isObject()) {
                throw new OracleFormatException("analysis is only defined (as an object) for plain SGD on quadratic1d");
            }
            Regime regime = AnalysisCheck.check(check, analysis, lr, q.a);
            AnalysisCheck.checkDiverges(check, c, regime);
        }
        if (objective instanceof Quadratic1d q) {
            QuadraticStability facts = QuadraticStability.of(q.a, q.wStar);
            JsonNode spec = c.get("objective");
            if (spec.has("stability_limit_lr")) {
                check.compareScalar("objective.stability_limit_lr", facts.stabilityLimit(),
                        Json.number(spec.get("stability_limit_lr"), "objective.stability_limit_lr"));
            }
            if (spec.has("optimal_lr")) {
                check.compareScalar("objective.optimal_lr", facts.optimalLr(),
                        Json.number(spec.get("optimal_lr"), "objective.optimal_lr"));
            }
        }
        int n = Math.min(recorded, expectedRecorded);
        JsonNode expLoss = series(trace, "loss", expectedRecorded);
        JsonNode expGrad = series(trace, "grad", expectedRecorded);
        JsonNode expParams = series(trace, "params", expectedRecorded);
        for (int k = 0; k < n; k++) {
            check.compare("loss", k, loss[k], Json.number(expLoss.get(k), "trace.loss[" + k + "]"));
            compareVector(check, "grad", k, grads[k], expGrad.get(k));
            compareVector(check, "params", k, params[k], expParams.get(k));
        }
        return check.result(id);
    }

    private static boolean outOfBounds(double[] x) {
        for (double v : x) {
            if (!(Math.abs(v) <= DIVERGENCE_BOUND)) {
                return true;
            }
        }
        return false;
    }

    private static void compareVector(SeriesCheck check, String series, int k, double[] got, JsonNode expected) {
        double[] exp = Json.vector(expected, "trace." + series + "[" + k + "]");
        if (exp.length != got.length) {
            throw new OracleFormatException("trace." + series + "[" + k + "] has length " + exp.length + ", expected "
                    + got.length);
        }
        for (int i = 0; i < got.length; i++) {
            check.compare(series + "[" + k + "]", i, got[i], exp[i]);
        }
    }

    private static JsonNode series(JsonNode trace, String name, int length) {
        JsonNode s = trace.get(name);
        if (s == null || !s.isArray()) {
            throw new OracleFormatException("trace." + name + " is missing or not an array");
        }
        if (s.size() != length) {
            throw new OracleFormatException("trace." + name + " has " + s.size() + " entries, steps_recorded is "
                    + length);
        }
        return s;
    }

    private static JsonNode required(JsonNode c, String key) {
        JsonNode v = c.get(key);
        if (v == null || v.isNull()) {
            throw new OracleFormatException("missing key '" + key + "'");
        }
        return v;
    }

    /** The objective named by {@code objective.name}, with its constants. */
    static Objective objective(JsonNode spec) {
        String name = spec.path("name").asText("");
        switch (name) {
            case "quadratic1d":
                return new Quadratic1d(Json.number(required(spec, "a"), "objective.a"),
                        Json.number(required(spec, "w_star"), "objective.w_star"));
            case "quadratic2d":
            case "quadratic_form":
                return QuadraticForm.of(Json.matrix(required(spec, "A"), "objective.A"),
                        Json.vector(required(spec, "b"), "objective.b"));
            case "rosenbrock":
                return Rosenbrock.of(spec.has("a") ? Json.number(spec.get("a"), "objective.a") : 1.0,
                        spec.has("b") ? Json.number(spec.get("b"), "objective.b") : 100.0);
            case "least_squares":
                JsonNode data = required(spec, "data");
                return LeastSquares.of(Json.vector(required(data, "x"), "objective.data.x"),
                        Json.vector(required(data, "y"), "objective.data.y"));
            default:
                throw new OracleFormatException("unknown objective '" + name
                        + "' (known: quadratic1d, quadratic2d, rosenbrock, least_squares)");
        }
    }

    /** L(w) = 0.5·a·(w − w*)², as the oracle writes it (the lead's Quadratic is the notebook-facing one). */
    private static final class Quadratic1d implements Objective {
        private final double a;
        private final double wStar;

        Quadratic1d(double a, double wStar) {
            this.a = a;
            this.wStar = wStar;
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public double value(double[] x) {
            double d = x[0] - wStar;
            return 0.5 * a * (d * d);
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradient) {
            double d = x[0] - wStar;
            gradient[0] = a * d;
            return 0.5 * a * (d * d);
        }
    }

    /** Small typed readers that name the offending key. */
    static final class Json {
        private Json() {
        }

        static double number(JsonNode n, String what) {
            if (n == null || !n.isNumber()) {
                throw new OracleFormatException(what + " must be a number, got " + n);
            }
            return n.asDouble();
        }

        static int count(JsonNode n, String what) {
            if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 0) {
                throw new OracleFormatException(what + " must be a non-negative integer, got " + n);
            }
            return n.asInt();
        }

        static boolean flag(JsonNode n, String what) {
            if (n == null || !n.isBoolean()) {
                throw new OracleFormatException(what + " must be true or false, got " + n);
            }
            return n.asBoolean();
        }

        static double[] vector(JsonNode n, String what) {
            if (n == null || !n.isArray()) {
                throw new OracleFormatException(what + " must be an array of numbers, got " + n);
            }
            double[] v = new double[n.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = number(n.get(i), what + "[" + i + "]");
            }
            return v;
        }

        static double[][] matrix(JsonNode n, String what) {
            if (n == null || !n.isArray()) {
                throw new OracleFormatException(what + " must be an array of rows, got " + n);
            }
            double[][] m = new double[n.size()][];
            for (int i = 0; i < m.length; i++) {
                m[i] = vector(n.get(i), what + "[" + i + "]");
            }
            return m;
        }

        static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode n, String what) {
            if (n == null || n.isNull()) {
                return java.util.Collections.emptyIterator();
            }
            if (!n.isObject()) {
                throw new OracleFormatException(what + " must be an object, got " + n);
            }
            return n.fields();
        }
    }
}
