package lrlab.schedule;

import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * Cyclical learning rate (Smith): the lr goes base_lr → max_lr over {@code stepSizeUp} steps and
 * back over {@code stepSizeDown}. With cycle = ⌊1 + t/(up + down)⌋, x = 1 + t/(up + down) − cycle
 * and r = up/(up + down): h = x/r if x ≤ r else (x − 1)/(r − 1), and
 * lr_t = base_lr + (max_lr − base_lr)·h·scale, where scale is 1 (TRIANGULAR), 1/2^(cycle−1)
 * (TRIANGULAR2) or γ^t (EXP_RANGE, t in steps). Momentum (or β1) follows
 * max_m − (max_m − base_m)·h·scale.
 *
 * <p>As torch: it overwrites the optimizer's lr with base_lr, and cycleMomentum defaults to
 * <b>true</b> (0.8–0.9), which switches momentum on for a plain SGD; an optimizer without momentum
 * then needs {@code cycleMomentum(false)}.
 */
public final class CyclicLR extends LrScheduler {

    /** The amplitude rule. */
    public enum Mode {
        /** Every cycle reaches max_lr. */
        TRIANGULAR,
        /** The amplitude halves every cycle. */
        TRIANGULAR2,
        /** The amplitude decays by γ^t. */
        EXP_RANGE
    }

    private final double[] maxLrs;
    private final double totalSize;
    private final double stepRatio;
    private final Mode mode;
    private final double gamma;
    private final boolean cycleMomentum;
    private final double baseMomentum;
    private final double maxMomentum;

    private CyclicLR(Optimizer optimizer, Builder b) {
        super(overwriteLr(optimizer, b.baseLr));
        int n = optimizer.groupCount();
        java.util.Arrays.fill(baseLrs, b.baseLr);
        this.maxLrs = new double[n];
        java.util.Arrays.fill(maxLrs, b.maxLr);
        double down = Double.isNaN(b.stepSizeDown) ? b.stepSizeUp : b.stepSizeDown;
        this.totalSize = b.stepSizeUp + down;
        this.stepRatio = b.stepSizeUp / totalSize;
        this.mode = b.mode;
        this.gamma = b.gamma;
        this.cycleMomentum = b.cycleMomentum;
        this.baseMomentum = b.baseMomentum;
        this.maxMomentum = b.maxMomentum;
        if (cycleMomentum) {
            LrScheduler.checkMomentum(optimizer, "CyclicLR");
            for (int g = 0; g < n; g++) {
                optimizer.setMomentum(g, maxMomentum);
            }
        }
        initialStep();
    }

    private static Optimizer overwriteLr(Optimizer optimizer, double baseLr) {
        LrScheduler.checkOptimizer(optimizer).setLr(baseLr);
        return optimizer;
    }

    /**
     * A builder with torch's defaults: stepSizeUp 2000, down = up, TRIANGULAR, momentum cycled 0.8–0.9.
     *
     * @param baseLr the base learning rate η₀, finite and &gt; 0
     * @param maxLr the peak learning rate
     * @return a builder with torch's defaults
     */
    public static Builder builder(double baseLr, double maxLr) {
        return new Builder(baseLr, maxLr);
    }

    @Override
    protected void afterStep() {
        if (cycleMomentum) {
            double m = momentumAt(lastEpoch);
            for (int g = 0; g < baseLrs.length; g++) {
                optimizer.setMomentum(g, m);
            }
        }
    }

    @Override
    public boolean cyclesMomentum() {
        return cycleMomentum;
    }

    /**
     * The momentum (or β1) at step {@code t}, closed form.
     *
     * @param t the step t ≥ 0
     * @return the momentum (or β1) at step {@code t}, closed form
     */
    public double momentumAt(int t) {
        double cycle = Math.floor(1 + t / totalSize);
        return maxMomentum - (maxMomentum - baseMomentum) * height(t, cycle) * scale(t, cycle);
    }

    private double height(int t, double cycle) {
        double x = 1.0 + t / totalSize - cycle;
        return x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
    }

    private double scale(int t, double cycle) {
        switch (mode) {
            case TRIANGULAR2:
                return 1 / Math.pow(2.0, cycle - 1);
            case EXP_RANGE:
                return Math.pow(gamma, t);
            default:
                return 1.0;
        }
    }

    @Override
    protected double chainableLr(int group, double currentLr) {
        return closedForm(group, lastEpoch);
    }

    @Override
    protected double closedForm(int group, int t) {
        double cycle = Math.floor(1 + t / totalSize);
        double baseHeight = (maxLrs[group] - baseLrs[group]) * height(t, cycle);
        return baseLrs[group] + baseHeight * scale(t, cycle);
    }

    /** The configuration, e.g. for printing in a notebook. */
    @Override
    public String toString() {
        return "CyclicLR(baseLr=" + baseLrs[0] + ", maxLr=" + maxLrs[0] + ", totalSize=" + totalSize + ", stepRatio=" + stepRatio + ", mode=" + mode + (mode == Mode.EXP_RANGE ? ", gamma=" + gamma : "") + (cycleMomentum ? ", momentum " + baseMomentum + ".." + maxMomentum : "") + ")";
    }

    /** Options of {@link CyclicLR}; {@link #build(Optimizer)} attaches it. */
    public static final class Builder {
        private final double baseLr;
        private final double maxLr;
        private double stepSizeUp = 2000;
        private double stepSizeDown = Double.NaN;
        private Mode mode = Mode.TRIANGULAR;
        private double gamma = 1.0;
        private boolean cycleMomentum = true;
        private double baseMomentum = 0.8;
        private double maxMomentum = 0.9;

        private Builder(double baseLr, double maxLr) {
            this.baseLr = Check.positive("baseLr", baseLr);
            this.maxLr = Check.positive("maxLr", maxLr);
        }

        /**
         * Steps from base_lr up to max_lr (> 0); default 2000.
         *
         * @param steps the steps of the half cycle, ≥ 1
         * @return this
         */
        public Builder stepSizeUp(double steps) {
            this.stepSizeUp = Check.positive("stepSizeUp", steps);
            return this;
        }

        /**
         * Steps from max_lr back down (> 0); default = stepSizeUp.
         *
         * @param steps the steps of the half cycle, ≥ 1
         * @return this
         */
        public Builder stepSizeDown(double steps) {
            this.stepSizeDown = Check.positive("stepSizeDown", steps);
            return this;
        }

        /**
         * TRIANGULAR (default), TRIANGULAR2 or EXP_RANGE.
         *
         * @param mode TRIANGULAR, TRIANGULAR2 or EXP_RANGE
         * @return this
         */
        public Builder mode(Mode mode) {
            Check.that(mode != null, () -> "mode must be TRIANGULAR, TRIANGULAR2 or EXP_RANGE, got null");
            this.mode = mode;
            return this;
        }

        /**
         * γ of EXP_RANGE, in (0, 1]; default 1.
         *
         * @param gamma the factor γ of EXP_RANGE's decay per step
         * @return this
         */
        public Builder gamma(double gamma) {
            this.gamma = Check.in("gamma", gamma, 0, true, 1, false);
            return this;
        }

        /**
         * Whether momentum (or β1) is cycled; default true.
         *
         * @param cycleMomentum whether momentum (or Adam's β1) cycles opposite the rate
         * @return this
         */
        public Builder cycleMomentum(boolean cycleMomentum) {
            this.cycleMomentum = cycleMomentum;
            return this;
        }

        /**
         * Momentum at the lr peak; default 0.8.
         *
         * @param m the momentum
         * @return this
         */
        public Builder baseMomentum(double m) {
            this.baseMomentum = Check.in("baseMomentum", m, 0, false, 1, true);
            return this;
        }

        /**
         * Momentum at the lr trough; default 0.9.
         *
         * @param m the momentum
         * @return this
         */
        public Builder maxMomentum(double m) {
            this.maxMomentum = Check.in("maxMomentum", m, 0, false, 1, true);
            return this;
        }

        /**
         * Attaches the schedule: overwrites the optimizer's lr with baseLr and applies t = 0.
         *
         * @param optimizer the optimizer
         * @return the scheduler, attached to {@code optimizer}
         */
        public CyclicLR build(Optimizer optimizer) {
            return new CyclicLR(optimizer, this);
        }
    }
}
