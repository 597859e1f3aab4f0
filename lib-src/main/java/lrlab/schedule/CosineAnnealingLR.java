package lrlab.schedule;

import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * Cosine annealing from base_lr to eta_min over T_max steps:
 * lr_t = η_min + (base_lr − η_min)·(1 + cos(π·t/T_max))/2. Like torch it does not stop at T_max:
 * the curve is periodic with period 2·T_max and climbs back to base_lr at t = 2·T_max.
 */
public final class CosineAnnealingLR extends LrScheduler {

    private final int tMax;
    private final double etaMin;

    /**
     * The scheduler attached to {@code optimizer}, applying t = 0 at once.
     *
     * @param optimizer the optimizer whose rate it drives
     * @param tMax half-period T_max (&gt; 0)
     * @param etaMin the floor η_min (≥ 0)
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        this.tMax = Check.positive("tMax", tMax);
        this.etaMin = Check.nonNegative("etaMin", etaMin);
        initialStep();
    }

    @Override
    protected double chainableLr(int group, double currentLr) {
        int t = lastEpoch;
        double base = baseLrs[group];
        if (t == 0) {
            return currentLr;
        }
        if (Math.floorMod(t - 1 - tMax, 2 * tMax) == 0) {
            return currentLr + (base - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * t / tMax)) / (1 + Math.cos(Math.PI * (t - 1) / tMax))
                * (currentLr - etaMin) + etaMin;
    }

    @Override
    protected double closedForm(int group, int t) {
        return etaMin + (baseLrs[group] - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
    }

    /** The configuration, e.g. for printing in a notebook. */
    @Override
    public String toString() {
        return "CosineAnnealingLR(tMax=" + tMax + ", etaMin=" + etaMin + ")";
    }
}
