package lrlab.optim;

import java.util.List;
import lrlab.util.Check;

/**
 * The part every optimizer shares: parameter groups (contiguous index ranges, each with its own
 * learning rate and momentum/β1 that schedulers may change between steps), the step count, the
 * length checks, and state buffers allocated once, when the dimension becomes known (at
 * {@code build(dimension)} or on the first step), never per step.
 *
 * <p>Subclasses implement {@link #update}, a primitive in-place loop over one group's range.
 *
 * @param <C> the configuration record it is built from
 */
public abstract class GroupedOptimizer<C extends OptimizerConfig<?>> extends ParamGroups {

    /** The configuration this optimizer was built from (the lr/momentum it started with). */
    protected final C config;
    private final List<ParamGroup> groups;
    /** First index of each group. */
    protected final int[] from;
    /** One past the last index of each group (for the implicit group: the dimension, once known). */
    protected final int[] to;
    private int dimension = -1;

    /**
     * @param config the validated configuration: its default lr (used when no groups are configured)
     *        and its groups (empty: one group over everything)
     * @param momentum the initial momentum/β1 of every group (0 where meaningless)
     */
    protected GroupedOptimizer(C config, double momentum) {
        super(null, true, config.groups().isEmpty() ? new double[] {config.lr()}
                : config.groups().stream().mapToDouble(ParamGroup::lr).toArray(),
                filled(Math.max(1, config.groups().size()), momentum));
        this.config = config;
        List<ParamGroup> groups = config.groups();
        this.groups = List.copyOf(groups);
        this.from = new int[groupCount];
        this.to = new int[groupCount];
        for (int k = 0; k < groups.size(); k++) {
            from[k] = groups.get(k).fromIndex();
            to[k] = groups.get(k).toIndex();
        }
        checkTiling(groups);
    }

    /**
     * Called at the end of a subclass constructor (once its fields are set): allocates the state
     * now when {@code dimension} ≥ 0, else leaves it to the first step.
     */
    protected final void bindIfKnown(int dimension) {
        if (dimension >= 0) {
            bind(dimension);
        }
    }

    /** Groups must tile the parameters in order from index 0; returns an immutable copy. */
    static List<ParamGroup> tiling(List<ParamGroup> groups) {
        List<ParamGroup> copy = List.copyOf(groups);
        checkTiling(copy);
        return copy;
    }

    /** Groups must follow each other without gaps or overlap, starting at index 0. */
    static void checkTiling(List<ParamGroup> groups) {
        for (int k = 0; k < groups.size(); k++) {
            int group = k;
            int expected = k == 0 ? 0 : groups.get(k - 1).toIndex();
            Check.that(groups.get(k).fromIndex() == expected, () -> "groups must tile the parameters in order from index 0: group "
                    + group + " starts at fromIndex " + groups.get(group).fromIndex() + ", expected " + expected);
        }
    }

    private void bind(int d) {
        Check.atLeast("dimension", d, 1);
        if (groups.isEmpty()) {
            to[0] = d;
        } else {
            Check.that(to[groupCount - 1] == d, () -> "the groups cover indices [0, " + to[groupCount - 1]
                    + ") but the parameter vector has length " + d);
        }
        dimension = d;
        allocate(d);
    }

    /** Allocates the state buffers for {@code dimension} parameters; called exactly once. */
    protected abstract void allocate(int dimension);

    /** Zeroes (or re-initialises) the state buffers in place, without reallocating. */
    protected abstract void clearState();

    /**
     * Updates {@code params[from..to)} in place from {@code gradient[from..to)} with group
     * {@code group}'s hyperparameters; {@link #steps} is already the 1-based count of this step.
     */
    protected abstract void update(int group, int from, int to, double[] params, double[] gradient);

    @Override
    public final void step(double[] params, double[] gradient) {
        Check.notNull("params", params);
        Check.length("gradient", gradient, params.length, "the length of params");
        if (dimension < 0) {
            bind(params.length);
        } else {
            Check.length("params", params, dimension, "the optimizer's dimension, fixed at build or by the first step");
        }
        steps++;
        for (int k = 0; k < groupCount; k++) {
            update(k, from[k], to[k], params, gradient);
        }
    }

    /** The configuration this optimizer was built from (the lr/momentum it started with). */
    public C config() {
        return config;
    }

    /** The configuration, e.g. {@code Config[lr=0.1, momentum=0.9, ...]}. */
    @Override
    public String toString() {
        return config.toString();
    }

    /** The parameter count, or −1 before the first step when built without one. */
    public int dimension() {
        return dimension;
    }

    /** A learning rate set between steps must be finite and ≥ 0 (a schedule may reach 0). */
    @Override
    protected double checkLr(double value) {
        return Check.nonNegative("lr", value);
    }

    /** Validates a momentum/β1 value set between steps; subclasses narrow the range. */
    @Override
    protected void checkMomentum(double value) {
        Check.nonNegative("momentum", value);
    }

    @Override
    public void reset() {
        super.reset();
        if (dimension >= 0) {
            clearState();
        }
    }
}
