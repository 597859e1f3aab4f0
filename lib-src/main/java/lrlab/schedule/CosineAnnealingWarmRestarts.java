package lrlab.schedule;

import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * SGDR: cosine annealing that restarts at base_lr. Cycle i lasts T_i = T_0·T_mult^i steps, so with
 * T_0 = 10, T_mult = 2 the restarts are at t = 10, 30, 70. Within a cycle, with T_cur the steps
 * since the last restart: lr_t = η_min + (base_lr − η_min)·(1 + cos(π·T_cur/T_i))/2.
 */
public final class CosineAnnealingWarmRestarts extends LrScheduler {

    private final int t0;
    private final int tMult;
    private final double etaMin;

    /**
     * The scheduler attached to {@code optimizer}, applying t = 0 at once.
     *
     * @param optimizer the optimizer whose rate it drives
     * @param t0 first cycle length T_0 (&gt; 0)
     * @param tMult growth T_mult (≥ 1)
     * @param etaMin floor (≥ 0)
     */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0, int tMult, double etaMin) {
        super(optimizer);
        this.t0 = Check.positive("t0", t0);
        Check.that(tMult >= 1, () -> "tMult must be an integer >= 1, got " + tMult);
        this.tMult = tMult;
        this.etaMin = Check.nonNegative("etaMin", etaMin);
        initialStep();
    }

    @Override
    protected double chainableLr(int group, double currentLr) {
        return closedForm(group, lastEpoch);
    }

    @Override
    protected double closedForm(int group, int t) {
        long tCur = t;
        long tI = t0;
        if (tMult == 1) {
            tCur = t % t0;
        } else {
            while (tCur >= tI) {
                tCur -= tI;
                tI *= tMult;
            }
        }
        return etaMin + (baseLrs[group] - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
    }

    /** The configuration, e.g. for printing in a notebook. */
    @Override
    public String toString() {
        return "CosineAnnealingWarmRestarts(t0=" + t0 + ", tMult=" + tMult + ", etaMin=" + etaMin + ")";
    }
}
