package lrlab.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The oracle's acceptance rule, read from a case's {@code tolerance} object: a value passes when
 * |got − exp| ≤ rtol·|exp| + atol[series], element by element.
 */
public final class Tolerance {

    private final double rtol;
    private final Map<String, Double> atol;

    public Tolerance(double rtol, Map<String, Double> atol) {
        this.rtol = rtol;
        this.atol = Map.copyOf(atol);
    }

    /** Reads {@code {"rtol": r, "atol": {series: a, ...}}}; a missing atol entry counts as 0. */
    public static Tolerance of(JsonNode tolerance) {
        if (tolerance == null || !tolerance.path("rtol").isNumber()) {
            throw new OracleFormatException("tolerance.rtol is missing or not a number");
        }
        Map<String, Double> atol = new HashMap<>();
        tolerance.path("atol").fields().forEachRemaining(e -> atol.put(e.getKey(), e.getValue().asDouble()));
        return new Tolerance(tolerance.get("rtol").asDouble(), atol);
    }

    public double rtol() {
        return rtol;
    }

    public double atol(String series) {
        return atol.getOrDefault(series, 0.0);
    }

    /** Whether one element passes: |got − exp| ≤ rtol·|exp| + atol[series]. */
    public boolean accepts(String series, double got, double expected) {
        if (Double.isNaN(got)) {
            return false;
        }
        return Math.abs(got - expected) <= rtol * Math.abs(expected) + atol(series);
    }

    /** |got − exp| / |exp|, or the absolute error where exp is 0. */
    public static double relativeError(double got, double expected) {
        double diff = Math.abs(got - expected);
        return expected == 0.0 ? diff : diff / Math.abs(expected);
    }
}
