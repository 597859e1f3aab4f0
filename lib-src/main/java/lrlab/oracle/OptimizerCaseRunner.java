package lrlab.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import lrlab.objective.LeastSquares;
import lrlab.objective.Objective;
import lrlab.objective.Quadratic;
import lrlab.objective.QuadraticForm;
import lrlab.objective.Regime;
import lrlab.objective.Rosenbrock;
import lrlab.optim.Optimizer;

/**
 * Replays {@code kind: "optimizer"} oracle cases: builds the objective from {@code objective}, the
 * optimizer from {@code torch.class} and {@code torch.args} (see {@link TorchOptimizers}), then runs
 * the standard torch loop — record L(x) and ∇L(x), step, record x — for {@code steps} steps, stopping
 * after the first step whose parameters leave |x| ≤ 1e6 (a diverging run), and compares
 * {@code trace.loss}, {@code trace.grad} and {@code trace.params} under the case's tolerance. It also
 * checks the facts the case states about its objective (minimiser, eigenvalues, condition number,
 * 2/L, 2/(L + μ) or 2/a, 1/a) against the library's, and a case's {@code analysis} block (a, 2/a, 1/a, ηa, 1 − ηa, regime, and {@code diverges} against
 * the regime) against {@link Quadratic} and {@link Regime} (see {@link AnalysisCheck}).
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
            if (!(objective instanceof Quadratic q) || !analysis.isObject()) {
                throw new OracleFormatException("analysis is only defined (as an object) for plain SGD on quadratic1d");
            }
            Regime regime = AnalysisCheck.check(check, analysis, lr, q.curvature());
            AnalysisCheck.checkDiverges(check, c, regime);
        }
        checkObjectiveFacts(check, c.get("objective"), objective);
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

    /**
     * The facts the case states about its objective (minimiser, eigenvalues, condition number,
     * stability limit, best constant rate), each compared with what the library computes: EJML's
     * eigen-decomposition for the quadratic form, the normal equations for least squares.
     */
    private static void checkObjectiveFacts(SeriesCheck check, JsonNode spec, Objective objective) {
        if (objective instanceof Quadratic q) {
            scalarFact(check, spec, "stability_limit_lr", q.stabilityLimit());
            scalarFact(check, spec, "optimal_lr", q.optimalLr());
        } else if (objective instanceof QuadraticForm form) {
            vectorFact(check, spec, "minimizer", form.minimizer());
            vectorFact(check, spec, "eigenvalues", form.eigenvalues());
            scalarFact(check, spec, "condition_number", form.conditionNumber());
            scalarFact(check, spec, "stability_limit_lr", form.stabilityLimit());
            scalarFact(check, spec, "optimal_lr", form.optimalLr());
        } else if (objective instanceof LeastSquares ls) {
            vectorFact(check, spec, "minimizer", ls.minimizer());
        } else if (objective instanceof Rosenbrock r) {
            vectorFact(check, spec, "minimizer", r.minimizer());
        }
    }

    private static void scalarFact(SeriesCheck check, JsonNode spec, String key, double got) {
        if (spec.has(key)) {
            check.compareScalar("objective." + key, got, Json.number(spec.get(key), "objective." + key));
        }
    }

    private static void vectorFact(SeriesCheck check, JsonNode spec, String key, double[] got) {
        if (!spec.has(key)) {
            return;
        }
        double[] expected = Json.vector(spec.get(key), "objective." + key);
        if (expected.length != got.length) {
            check.fail("objective." + key + ": length " + got.length + ", expected " + expected.length);
            return;
        }
        for (int i = 0; i < got.length; i++) {
            check.compare("objective." + key, i, got[i], expected[i]);
        }
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
            check.compare(series, k, i, got[i], exp[i]);
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
                return Quadratic.of(Json.number(required(spec, "a"), "objective.a"),
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
