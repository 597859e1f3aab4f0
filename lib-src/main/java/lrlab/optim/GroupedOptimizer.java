package lrlab.optim;

import java.util.List;
import lrlab.util.Check;

/**
 * The part every optimizer shares: parameter groups (contiguous index ranges, each with its own
 * learning rate and momentum/β1 in a {@link ParamGroups} that schedulers may change between steps), the
 * step count, the length checks, and state buffers allocated once, when the dimension becomes known (at
 * {@code build(dimension)} or on the first step), never per step.
 *
 * <p>Subclasses implement {@link #update}, a primitive in-place loop over one group's range.
 *
 * @param <C> the configuration record it is built from
 */
public abstract class GroupedOptimizer<C extends OptimizerConfig<?>> implements Optimizer {

    /** The configuration this optimizer was built from (the lr/momentum it started with). */
    protected final C config;
    /** The per-group rates and momenta schedulers read and write. */
    private final ParamGroups paramGroups;
    /** Number of groups. */
    protected final int groupCount;
    /** Current learning rate of each group: {@link #paramGroups}' live array, read by {@link #update}. */
    protected final double[] lr;
    /** Current momentum (SGD/RMSprop) or β1 (Adam) of each group, live. */
    protected final double[] momentum;
    /** Steps taken, t in the formulas. */
    protected long steps;
    private final boolean groupsConfigured;
    /** First index of each group. */
    protected final int[] from;
    /** One past the last index of each group (for the implicit group: the dimension, once known). */
    protected final int[] to;
    private int dimension = -1;

    /**
     * @param config the validated configuration (its groups tile the parameters: checked once, by the
     *        config): its default lr (used when no groups are configured) and its groups (empty: one group
     *        over everything)
     * @param momentum the initial momentum/β1 of every group (0 where meaningless)
     */
    protected GroupedOptimizer(C config, double momentum) {
        this.config = config;
        List<ParamGroup> groups = config.groups();
        this.groupsConfigured = !groups.isEmpty();
        this.paramGroups = ParamGroups.of(momentum, groups.isEmpty() ? new double[] {config.lr()}
                : groups.stream().mapToDouble(ParamGroup::lr).toArray());
        this.groupCount = paramGroups.groupCount();
        this.lr = paramGroups.lrArray();
        this.momentum = paramGroups.momentumArray();
        this.from = new int[groupCount];
        this.to = new int[groupCount];
        for (int k = 0; k < groups.size(); k++) {
            from[k] = groups.get(k).fromIndex();
            to[k] = groups.get(k).toIndex();
        }
    }

    /**
     * Called at the end of a subclass constructor (once its fields are set): allocates the state
     * now when {@code dimension} ≥ 0, else leaves it to the first step.
     *
     * @param dimension the number of parameters
     */
    protected final void bindIfKnown(int dimension) {
        if (dimension >= 0) {
            bind(dimension);
        }
    }

    private void bind(int d) {
        Check.atLeast("dimension", d, 1);
        if (!groupsConfigured) {
            to[0] = d;
        } else {
            Check.that(to[groupCount - 1] == d, () -> "the groups cover indices [0, " + to[groupCount - 1]
                    + ") but the parameter vector has length " + d);
        }
        dimension = d;
        allocate(d);
    }

    /**
     * Allocates the state buffers for {@code dimension} parameters; called exactly once.
     *
     * @param dimension the number of parameters
     */
    protected abstract void allocate(int dimension);

    /** Zeroes (or re-initialises) the state buffers in place, without reallocating. */
    protected abstract void clearState();

    /**
     * Updates {@code params[from..to)} in place from {@code gradient[from..to)} with group
     * {@code group}'s hyperparameters; {@link #steps} is already the 1-based count of this step.
     *
     * @param group the parameter group, 0 ≤ group &lt; {@link #groupCount()}
     * @param from the first index of the group
     * @param to one past the last index of the group
     * @param params θ (modified: updated in place)
     * @param gradient the gradient g (not modified)
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

    /** @return the configuration this optimizer was built from (the lr/momentum it started with) */
    public C config() {
        return config;
    }

    /** The configuration, e.g. {@code Config[lr=0.1, momentum=0.9, ...]}. */
    @Override
    public String toString() {
        return config.toString();
    }

    /** @return the parameter count, or −1 before the first step when built without one */
    public int dimension() {
        return dimension;
    }

    /** @return torch's {@code param_groups}: the rate and momentum of every group, as schedulers see them */
    public ParamGroups paramGroups() {
        return paramGroups;
    }

    @Override
    public int groupCount() {
        return groupCount;
    }

    @Override
    public double lr(int group) {
        return paramGroups.lr(group);
    }

    /** A learning rate set between steps must be finite and ≥ 0 (a schedule may reach 0). */
    @Override
    public void setLr(int group, double value) {
        paramGroups.setLr(group, Check.nonNegative("lr", value));
    }

    /** SGD and RMSprop have a momentum and Adam a β1 a scheduler may cycle; Adagrad overrides this. */
    @Override
    public boolean hasMomentum() {
        return true;
    }

    @Override
    public double momentum(int group) {
        requireMomentum();
        return paramGroups.momentum(group);
    }

    @Override
    public void setMomentum(int group, double value) {
        requireMomentum();
        checkMomentum(value);
        paramGroups.setMomentum(group, value);
    }

    /**
     * Validates a momentum/β1 value set between steps; subclasses narrow the range.
     *
     * @param value the value a scheduler writes
     */
    protected void checkMomentum(double value) {
        Check.nonNegative("momentum", value);
    }

    private void requireMomentum() {
        if (!hasMomentum()) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no momentum or beta1 to read or set");
        }
    }

    @Override
    public long stepCount() {
        return steps;
    }

    /** Forgets the step count and the state buffers (zeroed in place); the hyperparameters stay. */
    @Override
    public void reset() {
        steps = 0;
        if (dimension >= 0) {
            clearState();
        }
    }
}
