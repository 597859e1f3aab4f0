package lrlab.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import lrlab.objective.Objective;
import lrlab.objective.Quadratic;
import lrlab.objective.Regime;
import lrlab.objective.Sine;
import lrlab.trace.GradientDescent;
import lrlab.trace.Trajectory;

/**
 * Replays {@code seed-example} cases: plain gradient descent on (w − c)² or sin(x) with
 * {@link GradientDescent}, compared on the iterates w_0 … w_n and their losses, plus the case's
 * analysis block: the curvature a ({@link Quadratic#curvature()}, or f''(x*) = −sin(x*) at the
 * minimiser x* = {@link Sine#nearestMinimizer} of the final iterate for sin(x)), 2/a, 1/a, ηa,
 * 1 − ηa, the {@link Regime} and the {@code diverges} flag (see {@link AnalysisCheck}).
 */
public final class SeedExampleCaseRunner implements CaseRunner {

    @Override
    public String kind() {
        return "seed-example";
    }

    @Override
    public CaseResult run(JsonNode c) {
        String id = c.path("id").asText("(no id)");
        String torchClass = c.path("torch").path("class").asText("");
        if (!torchClass.equals("torch.optim.SGD")) {
            return CaseResult.fail(id, "unknown optimizer class '" + torchClass + "' for a seed example (expected torch.optim.SGD)");
        }
        JsonNode args = c.path("torch").path("args");
        for (Iterator<String> names = args.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("lr")) {
                return CaseResult.fail(id, "unknown argument '" + name + "' for plain gradient descent (only lr)");
            }
        }
        double lr = number(args, "lr", "torch.args");
        Objective objective = objective(c.path("objective"));
        int steps = (int) number(c, "steps", "case");
        Trajectory run = GradientDescent.on(objective).from(number(c, "x0", "case")).steps(steps)
                .divergenceBound(Double.MAX_VALUE).run(lr);

        SeriesCheck check = new SeriesCheck(Tolerance.of(c.path("tolerance")));
        check.compare("iterates", run.ws(), c.path("trace").get("iterates"));
        check.compare("loss", run.losses(), c.path("trace").get("loss"));
        JsonNode analysis = c.path("analysis");
        if (analysis.isObject()) {
            double a;
            if (objective instanceof Quadratic q) {
                a = q.curvature();
            } else {
                // sin(x) is judged by its quadratic approximation at the minimum reached: f''(x*) = −sin(x*)
                double xStar = Sine.nearestMinimizer(run.w(run.steps()));
                a = -Math.sin(xStar);
                if (analysis.has("minimizer")) {
                    check.compareScalar("analysis.minimizer", xStar, number(analysis, "minimizer", "analysis"));
                }
            }
            Regime regime = AnalysisCheck.check(check, analysis, lr, a);
            AnalysisCheck.checkDiverges(check, c, regime);
        }
        return check.result(id);
    }

    private static Objective objective(JsonNode o) {
        String name = o.path("name").asText("");
        switch (name) {
            case "shifted_square":
                return Quadratic.shifted(number(o, "c", "objective"));
            case "sine":
                return Sine.create();
            default:
                throw new OracleFormatException("unknown seed-example objective '" + name + "' (known: shifted_square, sine)");
        }
    }

    static double number(JsonNode parent, String key, String where) {
        JsonNode v = parent.get(key);
        if (v == null || !v.isNumber()) {
            throw new OracleFormatException(where + "." + key + " is missing or not a number");
        }
        return v.asDouble();
    }
}
