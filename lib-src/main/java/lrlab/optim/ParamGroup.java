package lrlab.optim;

import java.util.List;
import lrlab.util.Check;

/**
 * A parameter group as in torch's {@code param_groups}: the contiguous index range
 * {@code [fromIndex, toIndex)} of the parameter vector, updated with its own learning rate.
 *
 * @param fromIndex the first index, ≥ 0
 * @param toIndex one past the last index, &gt; fromIndex
 * @param lr the group's learning rate, finite and &gt; 0
 */
public record ParamGroup(int fromIndex, int toIndex, double lr) {

    /**
     * Validates the range (non-empty, from ≥ 0) and lr (finite, &gt; 0).
     *
     * @param fromIndex the first index of the group, ≥ 0
     * @param toIndex one past the last index of the group
     * @param lr the learning rate η, finite and &gt; 0
     */
    public ParamGroup {
        Check.that(fromIndex >= 0 && toIndex > fromIndex,
                () -> "group range must satisfy 0 <= fromIndex < toIndex, got [" + fromIndex + ", " + toIndex + ")");
        Check.positive("group lr", lr);
    }

    /** @return the number of parameters in the group */
    public int size() {
        return toIndex - fromIndex;
    }

    /**
     * The one check of a list of groups (each config calls it once): they must follow each other without gaps
     * or overlap, starting at index 0.
     *
     * @param groups the groups, in order (empty: one implicit group over all parameters)
     * @return an immutable copy
     */
    public static List<ParamGroup> tiling(List<ParamGroup> groups) {
        List<ParamGroup> copy = List.copyOf(Check.notNull("groups", groups));
        for (int k = 0; k < copy.size(); k++) {
            int group = k;
            int expected = k == 0 ? 0 : copy.get(k - 1).toIndex();
            Check.that(copy.get(k).fromIndex() == expected, () -> "groups must tile the parameters in order from index 0: group "
                    + group + " starts at fromIndex " + copy.get(group).fromIndex() + ", expected " + expected);
        }
        return copy;
    }
}
