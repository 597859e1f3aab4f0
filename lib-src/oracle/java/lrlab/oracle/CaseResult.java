package lrlab.oracle;

/**
 * The outcome of replaying one oracle case: pass with the largest relative error seen, or fail
 * with a reason a person can act on.
 */
public record CaseResult(String id, boolean passed, double maxRelativeError, String reason) {

    public static CaseResult pass(String id, double maxRelativeError) {
        return new CaseResult(id, true, maxRelativeError, "");
    }

    public static CaseResult fail(String id, String reason) {
        return new CaseResult(id, false, Double.NaN, reason);
    }

    /** {@code PASS <id> max_rel_err=<x>} or {@code FAIL <id> <reason>}. */
    public String line() {
        return passed
                ? String.format(java.util.Locale.ROOT, "PASS %s max_rel_err=%.3e", id, maxRelativeError)
                : "FAIL " + id + " " + reason;
    }
}
