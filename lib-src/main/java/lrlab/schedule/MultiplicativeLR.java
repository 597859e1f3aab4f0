package lrlab.schedule;

import java.util.function.IntToDoubleFunction;
import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * Multiplies the lr by a factor of the step every step: lr_t = lr_{t−1} · f(t) for t > 0, so
 * lr_t = base_lr · f(1)·…·f(t). It has no separate closed form ({@link #lrAt} computes the product).
 */
public final class MultiplicativeLR extends LrScheduler {

    private final IntToDoubleFunction factor;

    /**
     * @param factor f(t), the factor applied at step t ≥ 1
     * @param optimizer the optimizer
     */
    public MultiplicativeLR(Optimizer optimizer, IntToDoubleFunction factor) {
        super(optimizer);
        Check.that(factor != null, () -> "factor function must not be null");
        this.factor = factor;
        initialStep();
    }

    @Override
    protected double chainableLr(int group, double currentLr) {
        return lastEpoch > 0 ? currentLr * factor.applyAsDouble(lastEpoch) : currentLr;
    }

    @Override
    protected boolean hasClosedForm() {
        return false;
    }

    @Override
    public double lrAt(int group, int t) {
        Check.atLeast("t", t, 0);
        double lr = baseLrs[group];
        for (int s = 1; s <= t; s++) {
            lr *= factor.applyAsDouble(s);
        }
        return lr;
    }

    @Override
    protected double closedForm(int group, int t) {
        return lrAt(group, t);
    }

    /** The configuration, e.g. for printing in a notebook. */
    @Override
    public String toString() {
        return "MultiplicativeLR(factor=<function>)";
    }
}
