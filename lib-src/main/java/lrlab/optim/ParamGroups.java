package lrlab.optim;

import java.util.Arrays;
import lrlab.util.Check;

/**
 * torch's {@code optimizer.param_groups} reduced to what a scheduler reads and writes: per parameter group
 * g, the learning rate lr[g] and the momentum m[g] (SGD/RMSprop momentum or Adam's β1). A plain holder:
 * it accepts any value, as torch's dictionaries do; the optimizer that owns it ({@link GroupedOptimizer})
 * validates what it writes. Not an optimizer: it takes no steps.
 */
public final class ParamGroups {

    private final double[] lr;
    private final double[] momentum;

    /**
     * One group per entry.
     *
     * @param lrs the learning rate of each group, at least one (copied)
     * @param momenta the momentum (or β1) of each group, as many as lrs (copied)
     */
    public ParamGroups(double[] lrs, double[] momenta) {
        Check.that(lrs != null && lrs.length >= 1, () -> "lrs must hold at least one group, got none");
        Check.length("momenta", momenta, lrs.length, "one momentum per group");
        this.lr = lrs.clone();
        this.momentum = momenta.clone();
    }

    /**
     * Groups with these rates, every momentum {@code momentum}.
     *
     * @param momentum the momentum (or β1) of every group
     * @param lrs the learning rate of each group, at least one
     * @return the holder
     */
    public static ParamGroups of(double momentum, double... lrs) {
        Check.nonEmpty("lrs", lrs);
        double[] m = new double[lrs.length];
        Arrays.fill(m, momentum);
        return new ParamGroups(lrs, m);
    }

    /** @return the number of groups */
    public int groupCount() {
        return lr.length;
    }

    /**
     * @param group the group, 0 ≤ group &lt; {@link #groupCount()}
     * @return its learning rate
     */
    public double lr(int group) {
        return lr[Check.index("group", group, lr.length)];
    }

    /**
     * @param group the group, 0 ≤ group &lt; {@link #groupCount()}
     * @param value its new learning rate (any value: the owner validates)
     */
    public void setLr(int group, double value) {
        lr[Check.index("group", group, lr.length)] = value;
    }

    /**
     * @param group the group, 0 ≤ group &lt; {@link #groupCount()}
     * @return its momentum (or β1)
     */
    public double momentum(int group) {
        return momentum[Check.index("group", group, momentum.length)];
    }

    /**
     * @param group the group, 0 ≤ group &lt; {@link #groupCount()}
     * @param value its new momentum (any value: the owner validates)
     */
    public void setMomentum(int group, double value) {
        momentum[Check.index("group", group, momentum.length)] = value;
    }

    /** The live rate array, read by an optimizer's update loop (package-private: no copy per step). */
    double[] lrArray() {
        return lr;
    }

    /** The live momentum array, read by an optimizer's update loop. */
    double[] momentumArray() {
        return momentum;
    }

    @Override
    public String toString() {
        return "ParamGroups[lr=" + Arrays.toString(lr) + ", momentum=" + Arrays.toString(momentum) + "]";
    }
}
