package lrlab.optim;

import java.util.Arrays;
import lrlab.util.Check;

/**
 * The hyperparameters a scheduler reads and writes, per parameter group g: the learning rate
 * lr[g] and the momentum m[g] (SGD/RMSprop momentum or Adam's β1), plus the step count t.
 *
 * <p>On its own it is a parameter-free stand-in optimizer whose {@link #step} only counts
 * (t ← t + 1) and changes no parameter: use {@link #of(double...)} or
 * {@link #withoutMomentum(double...)} to drive or draw a schedule without a model. The real
 * optimizers ({@link GroupedOptimizer}) extend it, narrowing the accepted values through
 * {@link #checkLr} and {@link #checkMomentum} and replacing {@link #step} with their update.
 */
public class ParamGroups implements Optimizer {

    private final String name;
    private final boolean hasMomentum;
    /** Number of groups. */
    protected final int groupCount;
    /** Current learning rate of each group (schedulers write it). */
    protected final double[] lr;
    /** Current momentum (SGD/RMSprop) or β1 (Adam) of each group (schedulers may write it). */
    protected final double[] momentum;
    /** Steps taken, t in the formulas. */
    protected long steps;

    /**
     * @param name what the "no momentum" error calls this optimizer (null: the class's simple name)
     * @param hasMomentum whether {@link #momentum(int)} and {@link #setMomentum} are allowed
     * @param lr the learning rate of each group (taken over, not copied)
     * @param momentum the momentum/β1 of each group, same length (taken over, not copied)
     */
    protected ParamGroups(String name, boolean hasMomentum, double[] lr, double[] momentum) {
        Check.that(lr.length >= 1 && momentum.length == lr.length, () -> "need >= 1 group and one momentum per group, got " + lr.length
                + " lrs and " + momentum.length + " momenta");
        this.name = name;
        this.hasMomentum = hasMomentum;
        this.groupCount = lr.length;
        this.lr = lr;
        this.momentum = momentum;
    }

    /** A stand-in with one group per given lr, momentum 0 in each, that allows momentum. */
    public static ParamGroups of(double... lrs) {
        return new ParamGroups("ParamGroups", true, lrs.clone(), new double[lrs.length]);
    }

    /** A stand-in with one group per given lr whose momentum reads and writes throw (like Adagrad). */
    public static ParamGroups withoutMomentum(double... lrs) {
        return new ParamGroups("ParamGroups", false, lrs.clone(), new double[lrs.length]);
    }

    /** A stand-in with one group with learning rate {@code lr} and momentum {@code momentum}. */
    public static ParamGroups single(double lr, double momentum) {
        return new ParamGroups("ParamGroups", true, new double[] {lr}, new double[] {momentum});
    }

    /** An array of {@code n} copies of {@code value}. */
    protected static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    /** Counts the step; changes no parameter (real optimizers override this). */
    @Override
    public void step(double[] params, double[] gradient) {
        steps++;
    }

    @Override
    public int groupCount() {
        return groupCount;
    }

    @Override
    public double lr(int group) {
        return lr[checkGroup(group)];
    }

    @Override
    public void setLr(int group, double lr) {
        this.lr[checkGroup(group)] = checkLr(lr);
    }

    /** Validates a learning rate set between steps; the stand-in accepts any value, as torch does. */
    protected double checkLr(double value) {
        return value;
    }

    @Override
    public boolean hasMomentum() {
        return hasMomentum;
    }

    @Override
    public double momentum(int group) {
        requireMomentum();
        return momentum[checkGroup(group)];
    }

    @Override
    public void setMomentum(int group, double value) {
        requireMomentum();
        checkMomentum(value);
        momentum[checkGroup(group)] = value;
    }

    /** Validates a momentum/β1 value set between steps; the stand-in accepts any value. */
    protected void checkMomentum(double value) {
    }

    private void requireMomentum() {
        if (!hasMomentum()) {
            throw new IllegalStateException((name != null ? name : getClass().getSimpleName()) + " has no momentum or beta1 to read or set");
        }
    }

    /** Checks a group index against [0, groupCount). */
    protected int checkGroup(int group) {
        return Check.index("group", group, groupCount);
    }

    @Override
    public long stepCount() {
        return steps;
    }

    /** Sets the step count back to 0; the hyperparameters stay. */
    @Override
    public void reset() {
        steps = 0;
    }
}
