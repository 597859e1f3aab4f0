package lrlab.schedule;

import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * The 1cycle policy (Smith): the lr warms up from initial = max_lr/divFactor to max_lr over the
 * first pctStart·totalSteps steps, then anneals to min = initial/finalDivFactor; momentum (or
 * Adam's β1) moves the opposite way between maxMomentum and baseMomentum. With threePhase the lr
 * goes initial → max → initial → min and momentum is held at maxMomentum in the last phase.
 *
 * <p>Phase ends (torch): pct·T − 1, [2·pct·T − 2,] T − 1; each phase starts at the previous end.
 * Within a phase, p = (t − start)/(end − start) and lr = anneal(from, to, p), where the cos
 * anneal is to + (from − to)/2·(1 + cos πp) and the linear one (to − from)·p + from.
 * It ignores the optimizer's lr and momentum. Exactly totalSteps {@link #step()} calls are allowed;
 * one more throws {@link IllegalStateException}.
 */
public final class OneCycleLR extends LrScheduler {

    /** How the lr moves within a phase. */
    public enum Anneal {
        /** Along a half cosine. */
        COS,
        /** Along a straight line. */
        LINEAR
    }

    private final int totalSteps;
    private final Anneal anneal;
    private final boolean cycleMomentum;
    private final double[] phaseEnds;
    /** per group: initial, max, min lr. */
    private final double[] initialLrs;
    private final double[] maxLrs;
    private final double[] minLrs;
    private final double baseMomentum;
    private final double maxMomentum;
    private final boolean threePhase;

    private OneCycleLR(Optimizer optimizer, Builder b) {
        super(optimizer);
        int n = optimizer.groupCount();
        this.totalSteps = b.totalSteps;
        this.anneal = b.anneal;
        this.cycleMomentum = b.cycleMomentum;
        this.threePhase = b.threePhase;
        this.baseMomentum = b.baseMomentum;
        this.maxMomentum = b.maxMomentum;
        double pct = b.pctStart;
        this.phaseEnds = threePhase
                ? new double[] {pct * totalSteps - 1, 2 * pct * totalSteps - 2, totalSteps - 1}
                : new double[] {pct * totalSteps - 1, totalSteps - 1};
        for (int i = 0; i < phaseEnds.length; i++) {
            int phase = i + 1;
            Check.that(phaseEnds[i] != (i == 0 ? 0.0 : phaseEnds[i - 1]), () -> "pctStart " + Check.fmt(pct)
                    + " with totalSteps " + totalSteps + " gives an empty phase " + phase
                    + " (it would divide by zero): choose a larger totalSteps");
        }
        initialLrs = new double[n];
        maxLrs = new double[n];
        minLrs = new double[n];
        Check.that(b.maxLrs == null || b.maxLrs.length == n, () -> "maxLrs must have one entry per parameter group (" + n + "), got "
                + b.maxLrs.length);
        for (int g = 0; g < n; g++) {
            maxLrs[g] = b.maxLrs == null ? b.maxLr : b.maxLrs[g];
            initialLrs[g] = maxLrs[g] / b.divFactor;
            minLrs[g] = initialLrs[g] / b.finalDivFactor;
        }
        InitialLrs.force(optimizer, initialLrs);
        System.arraycopy(initialLrs, 0, baseLrs, 0, n);
        if (cycleMomentum) {
            LrScheduler.checkMomentum(optimizer, "OneCycleLR");
            for (int g = 0; g < n; g++) {
                optimizer.setMomentum(g, maxMomentum);
            }
        }
        initialStep();
    }

    /**
     * A builder with torch's defaults: pctStart 0.3, cos, divFactor 25, finalDivFactor 1e4, momentum 0.85–0.95.
     *
     * @param maxLr the peak learning rate
     * @param totalSteps the number of steps the schedule spans
     * @return a builder with torch's defaults
     */
    public static Builder builder(double maxLr, int totalSteps) {
        return new Builder(maxLr, totalSteps);
    }

    @Override
    public void step() {
        if (lastEpoch + 1 > totalSteps) {
            throw new IllegalStateException("OneCycleLR was stepped " + (lastEpoch + 1) + " times, but totalSteps is "
                    + totalSteps + ": exactly totalSteps steps are allowed; build it with a larger totalSteps");
        }
        super.step();
    }

    @Override
    protected void afterStep() {
        if (cycleMomentum) {
            for (int g = 0; g < baseLrs.length; g++) {
                optimizer.setMomentum(g, momentumAt(g, lastEpoch));
            }
        }
    }

    @Override
    public boolean cyclesMomentum() {
        return cycleMomentum;
    }

    /** @return the number of steps allowed (T) */
    public int totalSteps() {
        return totalSteps;
    }

    /**
     * The momentum (or β1) of group {@code group} at step {@code t}, closed form.
     *
     * @param group the parameter group, 0 ≤ group &lt; {@code groupCount()}
     * @param t the step t ≥ 0
     * @return the momentum (or β1) of group {@code group} at step {@code t}, closed form
     */
    public double momentumAt(int group, int t) {
        return evaluate(group, t, true);
    }

    @Override
    protected double chainableLr(int group, double currentLr) {
        return evaluate(group, lastEpoch, false);
    }

    @Override
    protected double closedForm(int group, int t) {
        return evaluate(group, t, false);
    }

    private double evaluate(int group, int t, boolean momentum) {
        double start = 0.0;
        for (int i = 0; i < phaseEnds.length; i++) {
            double end = phaseEnds[i];
            if (t <= end || i == phaseEnds.length - 1) {
                double p = (t - start) / (end - start);
                return momentum ? anneal(momentumFrom(i), momentumTo(i), p) : anneal(lrFrom(group, i), lrTo(group, i), p);
            }
            start = end;
        }
        throw new AssertionError("unreachable");
    }

    private double lrFrom(int g, int phase) {
        if (phase == 0) {
            return initialLrs[g];
        }
        return phase == 1 ? maxLrs[g] : initialLrs[g];
    }

    private double lrTo(int g, int phase) {
        if (phase == 0) {
            return maxLrs[g];
        }
        if (phase == 1) {
            return threePhase ? initialLrs[g] : minLrs[g];
        }
        return minLrs[g];
    }

    private double momentumFrom(int phase) {
        return phase == 1 ? baseMomentum : maxMomentum;
    }

    private double momentumTo(int phase) {
        return phase == 0 ? baseMomentum : maxMomentum;
    }

    private double anneal(double from, double to, double p) {
        if (anneal == Anneal.COS) {
            double cosOut = Math.cos(Math.PI * p) + 1;
            return to + (from - to) / 2.0 * cosOut;
        }
        return (to - from) * p + from;
    }

    /** The configuration, e.g. for printing in a notebook. */
    @Override
    public String toString() {
        return "OneCycleLR(maxLr=" + maxLrs[0] + ", totalSteps=" + totalSteps + ", phaseEnds=" + java.util.Arrays.toString(phaseEnds) + ", anneal=" + anneal + ", initialLr=" + initialLrs[0] + ", minLr=" + minLrs[0] + (cycleMomentum ? ", momentum " + baseMomentum + ".." + maxMomentum : "") + ")";
    }

    /** Options of {@link OneCycleLR}; {@link #build(Optimizer)} attaches it. */
    public static final class Builder {
        private final double maxLr;
        private final int totalSteps;
        private double pctStart = 0.3;
        private Anneal anneal = Anneal.COS;
        private boolean cycleMomentum = true;
        private double baseMomentum = 0.85;
        private double maxMomentum = 0.95;
        private double divFactor = 25.0;
        private double finalDivFactor = 1e4;
        private boolean threePhase;
        private double[] maxLrs;

        private Builder(double maxLr, int totalSteps) {
            this.maxLr = Check.positive("maxLr", maxLr);
            this.totalSteps = Check.positive("totalSteps", totalSteps);
        }

        /**
         * A different max lr per parameter group (each > 0), replacing the single maxLr.
         *
         * @param maxLrs the peak rate of each group
         * @return this
         */
        public Builder maxLrs(double... maxLrs) {
            Check.that(maxLrs != null && maxLrs.length != 0, () -> "maxLrs must list one max lr per group, got none");
            for (double m : maxLrs) {
                Check.positive("maxLrs", m);
            }
            this.maxLrs = maxLrs.clone();
            return this;
        }

        /**
         * Fraction of the steps spent warming up, in (0, 1); default 0.3.
         *
         * @param pctStart the share of the steps spent rising, in (0, 1)
         * @return this
         */
        public Builder pctStart(double pctStart) {
            this.pctStart = Check.in("pctStart", pctStart, 0, true, 1, true);
            return this;
        }

        /**
         * COS (default) or LINEAR annealing.
         *
         * @param anneal COS or LINEAR
         * @return this
         */
        public Builder anneal(Anneal anneal) {
            Check.that(anneal != null, () -> "anneal must be COS or LINEAR, got null");
            this.anneal = anneal;
            return this;
        }

        /**
         * Shorthand for {@code anneal(Anneal.LINEAR)}.
         *
         * @return this
         */
        public Builder linear() {
            return anneal(Anneal.LINEAR);
        }

        /**
         * initial → max → initial → min instead of initial → max → min.
         *
         * @param threePhase whether to add fastai's third, annihilation phase
         * @return this
         */
        public Builder threePhase(boolean threePhase) {
            this.threePhase = threePhase;
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
         * Momentum at the lr peak; default 0.85.
         *
         * @param baseMomentum the lowest momentum
         * @return this
         */
        public Builder baseMomentum(double baseMomentum) {
            this.baseMomentum = Check.in("baseMomentum", baseMomentum, 0, false, 1, true);
            return this;
        }

        /**
         * Momentum at the lr troughs; default 0.95.
         *
         * @param maxMomentum the highest momentum
         * @return this
         */
        public Builder maxMomentum(double maxMomentum) {
            this.maxMomentum = Check.in("maxMomentum", maxMomentum, 0, false, 1, true);
            return this;
        }

        /**
         * initial lr = maxLr / divFactor; default 25.
         *
         * @param divFactor the first rate is maxLr / divFactor
         * @return this
         */
        public Builder divFactor(double divFactor) {
            this.divFactor = Check.positive("divFactor", divFactor);
            return this;
        }

        /**
         * min lr = initial lr / finalDivFactor; default 1e4.
         *
         * @param finalDivFactor the last rate is the first rate / finalDivFactor
         * @return this
         */
        public Builder finalDivFactor(double finalDivFactor) {
            this.finalDivFactor = Check.positive("finalDivFactor", finalDivFactor);
            return this;
        }

        /**
         * Attaches the schedule to {@code optimizer}; applies t = 0 (lr and momentum).
         *
         * @param optimizer the optimizer
         * @return the scheduler, attached to {@code optimizer}
         */
        public OneCycleLR build(Optimizer optimizer) {
            return new OneCycleLR(optimizer, this);
        }
    }
}
