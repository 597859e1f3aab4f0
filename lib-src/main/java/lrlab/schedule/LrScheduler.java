package lrlab.schedule;

import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * Base of the epoch-driven schedulers (torch's {@code LRScheduler}): keeps the base lr of every
 * parameter group, the step counter t ({@code last_epoch}) and the last lrs written.
 *
 * <p>{@link #step()} uses the scheduler's chainable rule (torch's {@code get_lr()}), which for
 * StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LinearLR, ConstantLR and PolynomialLR
 * multiplies the optimizer's current lr, so such schedulers compose in a {@link ChainedScheduler}.
 * {@link #lrAt(int)} is the closed form, a pure function of t; on its own a scheduler's
 * {@code step()} and {@code lrAt} agree to rounding (≤ 1e-13 relative).
 */
public abstract class LrScheduler implements Scheduler {

    /** The optimizer driven. */
    protected final Optimizer optimizer;
    /** base lr per group (torch's {@code base_lrs}, from the group's initial lr). */
    protected final double[] baseLrs;
    /** t: −1 before the construction step, then 0, 1, 2, … */
    protected int lastEpoch = -1;
    private final double[] lastLrs;

    /**
     * Attaches to {@code optimizer}, taking its initial lrs (torch's {@code initial_lr}) as the base lrs.
     *
     * @param optimizer the optimizer whose rates the schedule writes
     */
    protected LrScheduler(Optimizer optimizer) {
        this.optimizer = LrScheduler.checkOptimizer(optimizer);
        this.baseLrs = InitialLrs.getOrRecord(optimizer);
        this.lastLrs = new double[optimizer.groupCount()];
    }

    /** The construction step (t = 0); subclasses call it last in their constructor. */
    protected final void initialStep() {
        step();
    }

    @Override
    public void step() {
        lastEpoch++;
        apply(chainableLrs());
        afterStep();
    }

    /** Hook run after every step (and restart) has written the lrs: OneCycleLR/CyclicLR write momentum here. */
    protected void afterStep() {
    }

    /**
     * Restarts at t = {@code epoch} through the closed form (torch's deprecated {@code step(epoch)});
     * SequentialLR uses it with 0 at each milestone.
     */
    void stepTo(int epoch) {
        lastEpoch = epoch;
        double[] lrs = new double[baseLrs.length];
        if (hasClosedForm()) {
            for (int g = 0; g < lrs.length; g++) {
                lrs[g] = closedForm(g, epoch);
            }
        } else {
            lrs = chainableLrs();
        }
        apply(lrs);
        afterStep();
    }

    /**
     * Writes lrs into the optimizer and remembers them.
     *
     * @param lrs the rate of every group
     */
    protected final void apply(double[] lrs) {
        for (int g = 0; g < lrs.length; g++) {
            optimizer.setLr(g, lrs[g]);
            lastLrs[g] = lrs[g];
        }
    }

    /** @return torch's {@code get_lr()} at the current {@link #lastEpoch}, one lr per group */
    protected double[] chainableLrs() {
        double[] lrs = new double[baseLrs.length];
        for (int g = 0; g < lrs.length; g++) {
            lrs[g] = chainableLr(g, optimizer.lr(g));
        }
        return lrs;
    }

    /**
     * The lr of group {@code group} at t = {@link #lastEpoch}, given the optimizer's current lr.
     *
     * @param group the parameter group, 0 ≤ group &lt; the optimizer's groupCount()
     * @param currentLr the optimizer's current rate
     * @return the lr of group {@code group} at t = {@link #lastEpoch}, given the optimizer's current lr
     */
    protected abstract double chainableLr(int group, double currentLr);

    /** @return whether {@link #closedForm(int, int)} is available */
    protected boolean hasClosedForm() {
        return true;
    }

    /**
     * The schedule's value for group {@code group} at step t, a pure function of t.
     *
     * @param group the parameter group, 0 ≤ group &lt; the optimizer's groupCount()
     * @param t the step t ≥ 0
     * @return the schedule's value for group {@code group} at step t, a pure function of t
     */
    protected abstract double closedForm(int group, int t);

    /**
     * The closed-form lr of group 0 at step {@code t} (no state read or written).
     *
     * @param t the step t ≥ 0
     * @return the closed-form lr of group 0 at step {@code t} (no state read or written)
     */
    public double lrAt(int t) {
        return lrAt(0, t);
    }

    /**
     * The closed-form lr of group {@code group} at step {@code t} (no state read or written).
     *
     * @param group the parameter group, 0 ≤ group &lt; the optimizer's groupCount()
     * @param t the step t ≥ 0
     * @return the closed-form lr of group {@code group} at step {@code t} (no state read or written)
     */
    public double lrAt(int group, int t) {
        Check.atLeast("t", t, 0);
        Check.index("group", group, baseLrs.length);
        if (!hasClosedForm()) {
            throw new UnsupportedOperationException(getClass().getSimpleName()
                    + " has no closed form: its lr depends on the lrs before it");
        }
        return closedForm(group, t);
    }

    /** @return the base lr of group 0 */
    public double baseLr() {
        return baseLrs[0];
    }

    /** @return the base lrs of all groups (a copy) */
    public double[] baseLrs() {
        return baseLrs.clone();
    }

    @Override
    public double[] lastLrs() {
        return lastLrs.clone();
    }

    @Override
    public double lastLr() {
        return lastLrs[0];
    }

    @Override
    public int lastEpoch() {
        return lastEpoch;
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    /** A non-null optimizer with at least one parameter group. */
    static Optimizer checkOptimizer(Optimizer optimizer) {
        Check.notNull("optimizer", optimizer);
        Check.that(optimizer.groupCount() >= 1, () -> "optimizer must have at least one parameter group, got "
                + optimizer.groupCount());
        return optimizer;
    }

    /** Momentum cycling needs an optimizer with momentum or beta1. */
    static void checkMomentum(Optimizer optimizer, String scheduler) {
        Check.that(optimizer.hasMomentum(), () -> scheduler + " with cycleMomentum needs an optimizer with momentum or"
                + " beta1 (SGD, RMSprop, Adam, AdamW); this optimizer has none: pass cycleMomentum(false)");
    }
}
