package lrlab.schedule;

import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * Cuts the lr when a metric stops improving. After {@code step(metric)}: the metric improves when
 * it beats {@code best} by more than the threshold (MIN/REL: m &lt; best·(1 − threshold); MIN/ABS:
 * m &lt; best − threshold; MAX: m &gt; best·(1 + threshold) or m &gt; best + threshold). When
 * numBadEpochs &gt; patience, lr ← max(lr·factor, minLr) (skipped if the decrease is ≤ eps), then
 * cooldownCounter = cooldown and numBadEpochs = 0; during the cooldown bad epochs are not counted,
 * but best still updates. best starts at +∞ (MIN) or −∞ (MAX).
 */
public final class ReduceLROnPlateau implements Scheduler {

    /** Whether lower (MIN, a loss) or higher (MAX, an accuracy) is better. */
    public enum Mode {
        /** Lower is better (a loss). */
        MIN,
        /** Higher is better (an accuracy). */
        MAX
    }

    /** Whether the threshold is relative to best (REL) or absolute (ABS). */
    public enum ThresholdMode {
        /** An improvement must beat best by the factor 1 ± threshold. */
        REL,
        /** An improvement must beat best by threshold. */
        ABS
    }

    private final Optimizer optimizer;
    private final Mode mode;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final ThresholdMode thresholdMode;
    private final int cooldown;
    private final double[] minLrs;
    private final double eps;

    private double best;
    private int numBadEpochs;
    private int cooldownCounter;
    private int lastEpoch;
    private final double[] lastLrs;

    private ReduceLROnPlateau(Optimizer optimizer, Builder b) {
        this.optimizer = LrScheduler.checkOptimizer(optimizer);
        this.mode = b.mode;
        this.factor = b.factor;
        this.patience = b.patience;
        this.threshold = b.threshold;
        this.thresholdMode = b.thresholdMode;
        this.cooldown = b.cooldown;
        this.minLrs = new double[optimizer.groupCount()];
        if (b.minLrs != null) {
            Check.that(b.minLrs.length == minLrs.length, () -> "minLrs must have one entry per parameter group ("
                    + minLrs.length + "), got " + b.minLrs.length);
            System.arraycopy(b.minLrs, 0, minLrs, 0, minLrs.length);
        } else {
            java.util.Arrays.fill(minLrs, b.minLr);
        }
        this.eps = b.eps;
        this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        this.lastLrs = InitialLrs.currentLrs(optimizer);
    }

    /**
     * A builder with torch's defaults: MIN, factor 0.1, patience 10, threshold 1e-4 REL, cooldown 0, minLr 0, eps 1e-8.
     *
     * @return a builder with torch's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Always throws: the plateau scheduler needs the metric.
     *
     * @throws IllegalStateException naming the fix
     */
    @Override
    public void step() {
        throw new IllegalStateException("ReduceLROnPlateau steps on a metric: call step(valLoss), or pass it to "
                + "Trainer.scheduler(...), which feeds it each epoch's validation loss");
    }

    /**
     * Feeds the metric of the epoch just finished; may reduce the lr of every group.
     *
     * @param metric the monitored quantity, e.g. the validation loss (not NaN)
     */
    @Override
    public void step(double metric) {
        Check.that(!Double.isNaN(metric), () -> "metric must not be NaN");
        lastEpoch++;
        if (isBetter(metric)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (inCooldown()) {
            cooldownCounter--;
            numBadEpochs = 0;
        }
        if (numBadEpochs > patience) {
            reduceLr();
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        for (int g = 0; g < lastLrs.length; g++) {
            lastLrs[g] = optimizer.lr(g);
        }
    }

    private boolean isBetter(double a) {
        if (mode == Mode.MIN) {
            return thresholdMode == ThresholdMode.REL ? a < best * (1.0 - threshold) : a < best - threshold;
        }
        return thresholdMode == ThresholdMode.REL ? a > best * (threshold + 1.0) : a > best + threshold;
    }

    private void reduceLr() {
        for (int g = 0; g < minLrs.length; g++) {
            double old = optimizer.lr(g);
            double lr = Math.max(old * factor, minLrs[g]);
            if (old - lr > eps) {
                optimizer.setLr(g, lr);
            }
        }
    }

    /** @return whether a cooldown is running (cooldownCounter &gt; 0) */
    public boolean inCooldown() {
        return cooldownCounter > 0;
    }

    /** @return the best metric so far (±∞ before the first step) */
    public double best() {
        return best;
    }

    /** @return consecutive epochs without improvement (reset by a reduction or during cooldown) */
    public int numBadEpochs() {
        return numBadEpochs;
    }

    /** @return epochs of cooldown left */
    public int cooldownCounter() {
        return cooldownCounter;
    }

    /** Number of {@link #step(double)} calls so far. */
    @Override
    public int lastEpoch() {
        return lastEpoch;
    }

    /** The lr of group 0 after the last step. */
    @Override
    public double lastLr() {
        return lastLrs[0];
    }

    /** The lr of every group after the last step (a copy). */
    @Override
    public double[] lastLrs() {
        return lastLrs.clone();
    }

    /** The optimizer whose lr this scheduler cuts. */
    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The configuration, e.g. for printing in a notebook. */
    @Override
    public String toString() {
        return "ReduceLROnPlateau(mode=" + mode + ", factor=" + factor + ", patience=" + patience + ", threshold=" + threshold + " " + thresholdMode + ", cooldown=" + cooldown + ", minLr=" + java.util.Arrays.toString(minLrs) + ", eps=" + eps + ")";
    }

    /** Options of {@link ReduceLROnPlateau}; {@link #build(Optimizer)} attaches it. */
    public static final class Builder {
        private Mode mode = Mode.MIN;
        private double factor = 0.1;
        private int patience = 10;
        private double threshold = 1e-4;
        private ThresholdMode thresholdMode = ThresholdMode.REL;
        private int cooldown;
        private double minLr;
        private double[] minLrs;
        private double eps = 1e-8;

        private Builder() {
        }

        /**
         * MIN (default, for a loss) or MAX (for an accuracy).
         *
         * @param mode the mode
         * @return this
         */
        public Builder mode(Mode mode) {
            Check.that(mode != null, () -> "mode must be MIN or MAX, got null");
            this.mode = mode;
            return this;
        }

        /**
         * lr ← lr·factor on a plateau, factor in (0, 1); default 0.1.
         *
         * @param factor the factor in (0, 1) a plateau multiplies the rate by
         * @return this
         */
        public Builder factor(double factor) {
            this.factor = Check.in("factor", factor, 0, true, 1, true);
            return this;
        }

        /**
         * Bad epochs tolerated before a cut (≥ 0); default 10.
         *
         * @param patience the epochs without improvement tolerated before a cut, ≥ 0
         * @return this
         */
        public Builder patience(int patience) {
            this.patience = Check.nonNegative("patience", patience);
            return this;
        }

        /**
         * Minimum improvement that counts (≥ 0); default 1e-4.
         *
         * @param threshold the threshold
         * @return this
         */
        public Builder threshold(double threshold) {
            this.threshold = Check.nonNegative("threshold", threshold);
            return this;
        }

        /**
         * REL (default) or ABS.
         *
         * @param thresholdMode REL or ABS
         * @return this
         */
        public Builder thresholdMode(ThresholdMode thresholdMode) {
            Check.that(thresholdMode != null, () -> "thresholdMode must be REL or ABS, got null");
            this.thresholdMode = thresholdMode;
            return this;
        }

        /**
         * Epochs to wait after a cut before counting bad epochs again (≥ 0); default 0.
         *
         * @param cooldown the epochs to wait after a cut, ≥ 0
         * @return this
         */
        public Builder cooldown(int cooldown) {
            this.cooldown = Check.nonNegative("cooldown", cooldown);
            return this;
        }

        /**
         * Floor of the lr (≥ 0); default 0.
         *
         * @param minLr the floor of the rate, ≥ 0
         * @return this
         */
        public Builder minLr(double minLr) {
            this.minLr = Check.nonNegative("minLr", minLr);
            return this;
        }

        /**
         * Floor of the lr per parameter group (each ≥ 0).
         *
         * @param minLrs the floor of each group's rate, each ≥ 0
         * @return this
         */
        public Builder minLrs(double... minLrs) {
            Check.that(minLrs != null && minLrs.length != 0, () -> "minLrs must list one floor per group, got none");
            for (double m : minLrs) {
                Check.nonNegative("minLrs", m);
            }
            this.minLrs = minLrs.clone();
            return this;
        }

        /**
         * Cuts smaller than eps are skipped (≥ 0); default 1e-8.
         *
         * @param eps ε, added to the denominator for numerical stability, ≥ 0
         * @return this
         */
        public Builder eps(double eps) {
            this.eps = Check.nonNegative("eps", eps);
            return this;
        }

        /**
         * Attaches it; the optimizer's lr is not changed until a plateau.
         *
         * @param optimizer the optimizer
         * @return the scheduler, attached to {@code optimizer}
         */
        public ReduceLROnPlateau build(Optimizer optimizer) {
            return new ReduceLROnPlateau(optimizer, this);
        }
    }
}
