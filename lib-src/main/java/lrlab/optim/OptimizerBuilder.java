package lrlab.optim;

import java.util.ArrayList;
import java.util.List;
import lrlab.util.Check;

/**
 * The fluent part every optimizer builder shares: the learning rate and parameter groups.
 * A builder is mutable and cheap; {@code config()} gives the immutable, validated, printable record
 * and {@code build()} a fresh optimizer with its own per-run state.
 *
 * @param <B> the concrete builder, so chained calls keep their type
 * @param <O> the optimizer it builds
 */
public abstract class OptimizerBuilder<B extends OptimizerBuilder<B, O>, O extends Optimizer> {

    /** The default learning rate (of every group not given its own). */
    protected double lr;
    /** The weight decay wd (0 unless set; AdamW's builder starts at 0.01). */
    protected double weightDecay;
    private final List<double[]> groupSpecs = new ArrayList<>();

    /** @param lr the default learning rate (validated when the config is made) */
    protected OptimizerBuilder(double lr) {
        this.lr = lr;
    }

    /** @return this, typed as the concrete builder */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /**
     * Sets the default learning rate; must be finite and &gt; 0.
     *
     * @param lr the learning rate, finite and &gt; 0
     * @return this
     */
    public B lr(double lr) {
        this.lr = lr;
        return self();
    }

    /**
     * Weight decay wd ≥ 0 (default 0): coupled L2, g ← g + wd·x, for SGD, Adagrad, RMSprop and Adam;
     * decoupled, x ← x·(1 − lr·wd), for AdamW (default 0.01).
     *
     * @param weightDecay the weight decay wd ≥ 0
     * @return this
     */
    public B weightDecay(double weightDecay) {
        this.weightDecay = weightDecay;
        return self();
    }

    /**
     * Adds a parameter group over indices [fromIndex, toIndex) with its own learning rate. Groups
     * must be added in order and together cover the whole parameter vector.
     *
     * @param fromIndex the first index of the group, ≥ 0
     * @param toIndex one past the last index of the group
     * @param lr the learning rate, finite and &gt; 0
     * @return this
     */
    public B group(int fromIndex, int toIndex, double lr) {
        groupSpecs.add(new double[] {fromIndex, toIndex, lr});
        return self();
    }

    /**
     * Adds a parameter group over [fromIndex, toIndex) that uses the default learning rate.
     *
     * @param fromIndex the first index of the group, ≥ 0
     * @param toIndex one past the last index of the group
     * @return this
     */
    public B group(int fromIndex, int toIndex) {
        groupSpecs.add(new double[] {fromIndex, toIndex, Double.NaN});
        return self();
    }

    /**
     * The groups as records (each validates its range and rate; the config checks once that they tile the
     * parameters), a group without its own rate taking the default lr.
     *
     * @return the groups in order (empty: one group over all parameters)
     */
    protected List<ParamGroup> groups() {
        Check.positive("lr", lr);
        List<ParamGroup> groups = new ArrayList<>();
        for (double[] s : groupSpecs) {
            groups.add(new ParamGroup((int) s[0], (int) s[1], Double.isNaN(s[2]) ? lr : s[2]));
        }
        return groups;
    }

    /** @return the validated, immutable configuration */
    public abstract OptimizerConfig<O> config();

    /** @return a new optimizer with its own state */
    public O build() {
        return config().build();
    }

    /**
     * A new optimizer for {@code dimension} parameters, state allocated now.
     *
     * @param dimension the number of parameters
     * @return a new optimizer with its own state
     */
    public O build(int dimension) {
        return config().build(dimension);
    }
}
