package lrlab.oracle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares computed series with a case's expected {@code trace} series under its {@link Tolerance},
 * remembering the largest relative error and the first mismatch.
 */
public final class SeriesCheck {

    private final Tolerance tolerance;
    private double maxRelativeError;
    private String firstMismatch;

    public SeriesCheck(Tolerance tolerance) {
        this.tolerance = tolerance;
    }

    /** Checks {@code got[i]} against the JSON array {@code expected} (lengths must agree). */
    public SeriesCheck compare(String series, double[] got, JsonNode expected) {
        if (expected == null || !expected.isArray()) {
            throw new OracleFormatException("trace." + series + " is missing or not an array");
        }
        if (got.length != expected.size()) {
            fail(series + ": length " + got.length + ", expected " + expected.size());
            return this;
        }
        for (int i = 0; i < got.length; i++) {
            compare(series, i, got[i], expected.get(i).asDouble());
        }
        return this;
    }

    /**
     * Checks element {@code element} of step {@code step} of a vector series (e.g. {@code grad}) under
     * that series' tolerance, |got − exp| ≤ rtol·|exp| + atol[series]; a mismatch reads
     * {@code series[step][element]: got x, expected y}.
     */
    public SeriesCheck compare(String series, int step, int element, double got, double expected) {
        return check(series, series + "[" + step + "][" + element + "]", got, expected);
    }

    /** Checks one element; {@code index} is only used to name a mismatch. */
    public SeriesCheck compare(String series, int index, double got, double expected) {
        return check(series, series + "[" + index + "]", got, expected);
    }

    /**
     * Checks one named scalar (e.g. {@code analysis.optimal_lr}) under the case's tolerance,
     * |got − exp| ≤ rtol·|exp| + atol[name]; a mismatch reads {@code name: got x, expected y}.
     */
    public SeriesCheck compareScalar(String name, double got, double expected) {
        return check(name, name, got, expected);
    }

    /**
     * The one comparison: the tolerance is looked up under {@code series} (the name the case's
     * {@code tolerance.atol} uses), the mismatch is reported under {@code label} (which may carry indices).
     */
    private SeriesCheck check(String series, String label, double got, double expected) {
        if (!Double.isNaN(got)) {
            maxRelativeError = Math.max(maxRelativeError, Tolerance.relativeError(got, expected));
        }
        if (!tolerance.accepts(series, got, expected)) {
            fail(String.format(java.util.Locale.ROOT, "%s: got %s, expected %s (rtol %.1e, atol %.1e)",
                    label, got, expected, tolerance.rtol(), tolerance.atol(series)));
        }
        return this;
    }

    /** Records a mismatch that is not an element comparison (e.g. a wrong step count). */
    public SeriesCheck fail(String reason) {
        if (firstMismatch == null) {
            firstMismatch = reason;
        }
        return this;
    }

    public CaseResult result(String id) {
        return firstMismatch == null ? CaseResult.pass(id, maxRelativeError) : CaseResult.fail(id, firstMismatch);
    }
}
