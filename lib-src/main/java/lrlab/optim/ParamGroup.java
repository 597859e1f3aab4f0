package lrlab.optim;

import lrlab.util.Check;

/**
 * A parameter group as in torch's {@code param_groups}: the contiguous index range
 * {@code [fromIndex, toIndex)} of the parameter vector, updated with its own learning rate.
 */
public record ParamGroup(int fromIndex, int toIndex, double lr) {

    /** Validates the range (non-empty, from ≥ 0) and lr (finite, &gt; 0). */
    public ParamGroup {
        Check.that(fromIndex >= 0 && toIndex > fromIndex, () -> "group range must satisfy 0 <= fromIndex < toIndex, got ["
                + fromIndex + ", " + toIndex + ")");
        Check.positive("group lr", lr);
    }

    /** Number of parameters in the group. */
    public int size() {
        return toIndex - fromIndex;
    }
}
