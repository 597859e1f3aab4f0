package lrlab.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import lrlab.objective.Quadratic;
import lrlab.objective.Regime;

/**
 * Checks an oracle {@code analysis} block of plain gradient descent on a 1-D quadratic
 * L(w) = a/2 (w − w*)² against the library's own facts ({@link Quadratic}, {@link Regime}):
 * the curvature a ({@code a} or {@code curvature}), {@code stability_limit_lr} = 2/a,
 * {@code optimal_lr} = 1/a, {@code lr_times_a} = ηa, {@code contraction_factor} = 1 − ηa and
 * {@code regime} (decided exactly on the decimals of η and a). Every wrong or missing value is a
 * mismatch naming its key.
 */
final class AnalysisCheck {

    private AnalysisCheck() {
    }

    /**
     * Compares {@code analysis} (a JSON object) with the facts of learning rate {@code lr} on curvature
     * {@code a}, recording mismatches in {@code check}; returns the library's regime.
     */
    static Regime check(SeriesCheck check, JsonNode analysis, double lr, double a) {
        Quadratic q = Quadratic.of(a);
        boolean curvatureGiven = false;
        for (String key : new String[] {"a", "curvature"}) {
            if (analysis.has(key)) {
                curvatureGiven = true;
                check.compareScalar("analysis." + key, a, number(analysis, key));
            }
        }
        if (!curvatureGiven) {
            check.fail("analysis: neither 'a' nor 'curvature' is given");
        }
        compare(check, analysis, "stability_limit_lr", q.stabilityLimit());
        compare(check, analysis, "optimal_lr", q.optimalLr());
        compare(check, analysis, "lr_times_a", lr * a);
        compare(check, analysis, "contraction_factor", q.contractionFactor(lr));
        Regime regime = q.regime(lr);
        JsonNode expected = analysis.get("regime");
        if (expected == null || !expected.isTextual()) {
            check.fail("analysis.regime is missing or not a string");
        } else if (!expected.asText().equals(RegimeNames.of(regime))) {
            check.fail("analysis.regime: got " + RegimeNames.of(regime) + ", expected " + expected.asText());
        }
        return regime;
    }

    /**
     * Compares the case's {@code diverges} flag, when present, with the regime: a run diverges exactly
     * when the regime is {@link Regime#DIVERGING}.
     */
    static void checkDiverges(SeriesCheck check, JsonNode c, Regime regime) {
        JsonNode flag = c.get("diverges");
        if (flag == null) {
            return;
        }
        boolean implied = regime == Regime.DIVERGING;
        if (!flag.isBoolean()) {
            check.fail("diverges must be true or false, got " + flag);
        } else if (flag.asBoolean() != implied) {
            check.fail("diverges: regime " + RegimeNames.of(regime) + " implies " + implied + ", expected " + flag.asBoolean());
        }
    }

    private static void compare(SeriesCheck check, JsonNode analysis, String key, double got) {
        if (!analysis.has(key)) {
            check.fail("analysis." + key + " is missing");
            return;
        }
        check.compareScalar("analysis." + key, got, number(analysis, key));
    }

    private static double number(JsonNode analysis, String key) {
        JsonNode v = analysis.get(key);
        if (v == null || !v.isNumber()) {
            throw new OracleFormatException("analysis." + key + " is missing or not a number");
        }
        return v.asDouble();
    }
}
