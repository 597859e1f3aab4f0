package lrlab.schedule;

import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * Scales the lr by a constant factor until {@code totalIters}: lr_t = base_lr · (t &lt; totalIters ?
 * factor : 1). Chainable rule: ×factor at t = 0, ×1/factor at t = totalIters.
 */
public final class ConstantLR extends LrScheduler {

    private final double factor;
    private final int totalIters;

    /**
     * The scheduler attached to {@code optimizer}, applying t = 0 at once.
     *
     * @param optimizer the optimizer whose rate it drives
     * @param factor in (0, 1]
     * @param totalIters steps it lasts (&gt; 0)
     */
    public ConstantLR(Optimizer optimizer, double factor, int totalIters) {
        super(optimizer);
        this.factor = Check.in("factor", factor, 0, true, 1, false);
        this.totalIters = Check.positive("totalIters", totalIters);
        initialStep();
    }

    @Override
    protected double chainableLr(int group, double currentLr) {
        if (lastEpoch == 0) {
            return currentLr * factor;
        }
        if (lastEpoch != totalIters) {
            return currentLr;
        }
        return currentLr * (1.0 / factor);
    }

    @Override
    protected double closedForm(int group, int t) {
        return baseLrs[group] * (factor + (t >= totalIters ? 1 : 0) * (1 - factor));
    }

    /** The configuration, e.g. for printing in a notebook. */
    @Override
    public String toString() {
        return "ConstantLR(factor=" + factor + ", totalIters=" + totalIters + ")";
    }
}
