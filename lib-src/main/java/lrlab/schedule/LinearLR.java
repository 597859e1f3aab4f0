package lrlab.schedule;

import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * Moves the multiple of base_lr linearly from {@code startFactor} to {@code endFactor} over
 * {@code totalIters} steps, then holds it: lr_t = base_lr · (s + (e − s) · min(t, T) / T).
 * As a warmup: start 0.25, end 1; as a decay: start 1, end 0.05.
 */
public final class LinearLR extends LrScheduler {

    private final double startFactor;
    private final double endFactor;
    private final int totalIters;

    /**
     * The scheduler attached to {@code optimizer}, applying t = 0 at once.
     *
     * @param optimizer the optimizer whose rate it drives
     * @param startFactor in (0, 1]
     * @param endFactor in [0, 1]
     * @param totalIters T (&gt; 0)
     */
    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer);
        this.startFactor = Check.in("startFactor", startFactor, 0, true, 1, false);
        this.endFactor = Check.in("endFactor", endFactor, 0, false, 1, false);
        this.totalIters = Check.positive("totalIters", totalIters);
        initialStep();
    }

    @Override
    protected double chainableLr(int group, double currentLr) {
        if (lastEpoch == 0) {
            return currentLr * startFactor;
        }
        if (lastEpoch > totalIters) {
            return currentLr;
        }
        return currentLr * (1.0 + (endFactor - startFactor)
                / (totalIters * startFactor + (lastEpoch - 1) * (endFactor - startFactor)));
    }

    @Override
    protected double closedForm(int group, int t) {
        return baseLrs[group] * (startFactor + (endFactor - startFactor) * Math.min(totalIters, t) / totalIters);
    }

    /** The configuration, e.g. for printing in a notebook. */
    @Override
    public String toString() {
        return "LinearLR(startFactor=" + startFactor + ", endFactor=" + endFactor + ", totalIters=" + totalIters + ")";
    }
}
