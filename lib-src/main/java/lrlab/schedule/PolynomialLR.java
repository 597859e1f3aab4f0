package lrlab.schedule;

import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * Polynomial decay to 0 at {@code totalIters}, then 0: lr_t = base_lr · (1 − min(t, T)/T)^power.
 */
public final class PolynomialLR extends LrScheduler {

    private final int totalIters;
    private final double power;

    /**
     * The scheduler attached to {@code optimizer}, applying t = 0 at once.
     *
     * @param optimizer the optimizer whose rate it drives
     * @param totalIters T (&gt; 0)
     * @param power exponent (> 0
     * 1 is linear decay)
     */
    public PolynomialLR(Optimizer optimizer, int totalIters, double power) {
        super(optimizer);
        this.totalIters = Check.positive("totalIters", totalIters);
        this.power = Check.positive("power", power);
        initialStep();
    }

    @Override
    protected double chainableLr(int group, double currentLr) {
        if (lastEpoch == 0 || lastEpoch > totalIters) {
            return currentLr;
        }
        double decay = Math.pow((1.0 - (double) lastEpoch / totalIters)
                / (1.0 - (double) (lastEpoch - 1) / totalIters), power);
        return currentLr * decay;
    }

    @Override
    protected double closedForm(int group, int t) {
        return baseLrs[group] * Math.pow(1.0 - (double) Math.min(totalIters, t) / totalIters, power);
    }

    /** The configuration, e.g. for printing in a notebook. */
    @Override
    public String toString() {
        return "PolynomialLR(totalIters=" + totalIters + ", power=" + power + ")";
    }
}
