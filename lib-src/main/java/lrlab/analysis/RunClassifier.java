package lrlab.analysis;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import lrlab.trace.GradientDescent;
import lrlab.trace.Trajectory;
import lrlab.util.Check;

/**
 * Classifies a recorded run ({@link RunClass}) and diagnoses it ({@link Diagnosis}) from its loss
 * history, and its parameter history when there is one. Immutable; the thresholds are settable with
 * {@code with…} copies.
 *
 * <p>The rules, in order (n losses ℓ_0 … ℓ_{n−1}, window w = max(1, ⌊n/10⌋)):
 * <ol>
 *   <li>{@link RunClass#DIVERGING} if a loss or parameter is not finite, a parameter has |w| &gt; bound,
 *       the run was stopped as diverged, or the loss grew (ℓ_{n−1} &gt; ℓ_0, at least half the steps increasing,
 *       and the second half reaching higher than the first);</li>
 *   <li>converged if the loss dropped (ℓ_0 &gt; ℓ_{n−1}) and the last w steps changed it by at most
 *       {@code plateauShare} (1%) of the total drop, or the last gradient norm is 0;
 *       {@link RunClass#ZIG_ZAG} if the updates flipped direction at least half the time
 *       (Δ_{k+1}·Δ_k &lt; 0), else {@link RunClass#CONVERGED};</li>
 *   <li>{@link RunClass#OSCILLATING} if the updates flip at least half the time, or (without
 *       parameters) the loss rose at ≥ 30% of the steps or swung by more than 2× over the last 10
 *       (the course text's rule);</li>
 *   <li>{@link RunClass#STALLED} otherwise: still falling at the end, or not moving.</li>
 * </ol>
 */
public final class RunClassifier {
    private final double bound;
    private final double plateauShare;
    private final double flipThreshold;

    private RunClassifier(double bound, double plateauShare, double flipThreshold) {
        this.bound = bound;
        this.plateauShare = plateauShare;
        this.flipThreshold = flipThreshold;
    }

    /**
     * Bound 1e6 on |parameter|, plateau share 0.01, flip threshold 0.5.
     *
     * @return a classifier with the default thresholds
     */
    public static RunClassifier defaults() {
        return new RunClassifier(GradientDescent.DEFAULT_BOUND, 0.01, 0.5);
    }

    /**
     * A copy with another bound on |parameter| (&gt; 0, may be infinite).
     *
     * @param bound the bound on |parameter|, &gt; 0 (may be infinite)
     * @return a copy with that bound
     */
    public RunClassifier withBound(double bound) {
        Check.that(bound > 0, () -> "bound must be > 0 (may be infinite), got " + bound);
        return new RunClassifier(bound, plateauShare, flipThreshold);
    }

    /**
     * A copy with another plateau share, in (0, 1): how small the last 10% of the run's drop must be to call it converged.
     *
     * @param share the plateau share, in (0, 1)
     * @return a copy with that plateau share
     */
    public RunClassifier withPlateauShare(double share) {
        Check.that(share > 0 && share < 1, () -> "plateauShare must be in (0, 1), got " + share);
        return new RunClassifier(bound, share, flipThreshold);
    }

    /**
     * A copy with another flip threshold, in (0, 1]: the share of direction flips that marks a zig-zag or oscillation.
     *
     * @param threshold the share of direction flips marking a zig-zag, in (0, 1]
     * @return a copy with that flip threshold
     */
    public RunClassifier withFlipThreshold(double threshold) {
        Check.that(threshold > 0 && threshold <= 1, () -> "flipThreshold must be in (0, 1], got " + threshold);
        return new RunClassifier(bound, plateauShare, threshold);
    }

    /**
     * The verdict on a loss history alone.
     *
     * @param losses the losses ℓ_0 … ℓ_{n−1}
     * @return the verdict on a loss history alone
     */
    public RunClass classify(double[] losses) {
        return diagnose(losses, null, null, Double.NaN, false).verdict();
    }

    /**
     * The verdict on a loss history and the parameter vectors after each step (same length or ±1).
     *
     * @param losses the losses ℓ_0 … ℓ_{n−1}
     * @param params θ after each step, one row per loss (or one more or fewer)
     * @return the verdict on a loss history and the parameter vectors after each step (same length or ±1)
     */
    public RunClass classify(double[] losses, double[][] params) {
        return diagnose(losses, params, null, Double.NaN, false).verdict();
    }

    /**
     * @param run a gradient-descent run
     * @return the verdict on it
     */
    public RunClass classify(Trajectory run) {
        return diagnose(run).verdict();
    }

    /**
     * The diagnosis of a loss history alone.
     *
     * @param losses the losses ℓ_0 … ℓ_{n−1}
     * @return the diagnosis of a loss history alone
     */
    public Diagnosis diagnose(double[] losses) {
        return diagnose(losses, null, null, Double.NaN, false);
    }

    /**
     * The diagnosis of a loss history and its parameter vectors.
     *
     * @param losses the losses ℓ_0 … ℓ_{n−1}
     * @param params θ after each step, one row per loss (or one more or fewer)
     * @return the diagnosis of a loss history and its parameter vectors
     */
    public Diagnosis diagnose(double[] losses, double[][] params) {
        return diagnose(losses, params, null, Double.NaN, false);
    }

    /**
     * The diagnosis of a gradient-descent run from its losses L(θ_0) … L(θ_n) and iterates θ_0 … θ_n; a run
     * that {@code GradientDescent} stopped as diverged is DIVERGING; its rate is used for the suggestion.
     *
     * @param run a gradient-descent run
     * @return the verdict, evidence and suggested factor
     */
    public Diagnosis diagnose(Trajectory run) {
        double[][] params = new double[run.steps() + 1][];
        for (int t = 0; t <= run.steps(); t++) {
            params[t] = run.iterates(t);
        }
        return diagnose(run.losses(), params, null, run.lr(), run.diverged());
    }

    /** Names of the evidence entries of a {@link Diagnosis}. */
    public static final class Evidence {
        private Evidence() {
        }

        /** Number of losses. */
        public static final String STEPS = "steps";
        /** ℓ_0. */
        public static final String FIRST_LOSS = "first_loss";
        /** ℓ_{n−1}. */
        public static final String LAST_LOSS = "last_loss";
        /** ℓ_{n−1}/ℓ_0. */
        public static final String LOSS_RATIO = "loss_ratio_last_first";
        /** (ℓ_0 − ℓ_{n−1})/|ℓ_0|: the course text's "improvement". */
        public static final String IMPROVEMENT = "relative_improvement";
        /** Share of steps with ℓ_{k+1} &gt; ℓ_k. */
        public static final String FRACTION_INCREASING = "fraction_increasing";
        /** |ℓ_{n−1−w} − ℓ_{n−1}| / (ℓ_0 − ℓ_{n−1}): how much of the drop happened in the last 10%. */
        public static final String RECENT_SHARE = "recent_change_share";
        /** max/min of the last 10 losses (the course text's oscillation test), NaN unless they are all &gt; 0. */
        public static final String RECENT_SWING = "recent_max_over_min";
        /** Least-squares slope of ln ℓ_k against k, NaN unless every loss is &gt; 0. */
        public static final String LOG_LOSS_SLOPE = "log_loss_slope";
        /** Share of consecutive updates that point in opposite directions (Δ_{k+1}·Δ_k &lt; 0), NaN without parameters. */
        public static final String SIGN_FLIP_RATE = "sign_flip_rate";
        /** Median of Δ_{k+1}·Δ_k / |Δ_k|²: 1 − ηa on a quadratic, NaN without parameters. */
        public static final String UPDATE_RATIO = "update_ratio";
        /** max |parameter| over the run, NaN without parameters. */
        public static final String MAX_ABS_PARAM = "max_abs_param";
        /** 1 if the run was stopped as diverged, else 0. */
        public static final String STOPPED = "stopped";
        /** Index of the first non-finite loss or parameter row, −1 if none. */
        public static final String FIRST_NON_FINITE = "first_non_finite";
    }

    private Diagnosis diagnose(double[] losses, double[][] params, double[] gradNorms, double lr, boolean stopped) {
        Check.that(losses != null && losses.length >= 2, () -> "losses must have at least 2 values, got "
                + (losses == null ? 0 : losses.length));
        Check.that(params == null || Math.abs(params.length - losses.length) <= 1, () -> "params must have as many rows as losses (or one more or fewer), got "
                + params.length + " rows for " + losses.length + " losses");
        int n = losses.length;
        Map<String, Double> ev = new LinkedHashMap<>();
        ev.put(Evidence.STEPS, (double) n);

        int firstNonFinite = -1;
        for (int k = 0; k < n && firstNonFinite < 0; k++) if (!Double.isFinite(losses[k])) firstNonFinite = k;
        double maxAbs = Double.NaN;
        if (params != null) {
            maxAbs = 0;
            for (int k = 0; k < params.length; k++) {
                for (double p : params[k]) {
                    if (!Double.isFinite(p)) {
                        if (firstNonFinite < 0 || k < firstNonFinite) firstNonFinite = k;
                    } else {
                        maxAbs = Math.max(maxAbs, Math.abs(p));
                    }
                }
            }
        }
        int m = firstNonFinite < 0 ? n : Math.max(firstNonFinite, 1);   // the finite prefix
        double first = losses[0];
        double last = losses[m - 1];
        int increasing = 0;
        for (int k = 0; k + 1 < m; k++) if (losses[k + 1] > losses[k]) increasing++;
        double fracInc = m > 1 ? (double) increasing / (m - 1) : Double.NaN;
        int w = Math.max(1, m / 10);
        double drop = first - last;
        double recentShare = drop != 0 ? Math.abs(losses[Math.max(0, m - 1 - w)] - last) / Math.abs(drop) : Double.NaN;
        double swing = recentSwing(losses, m);
        double slope = logSlope(losses, m);
        double flipRate = Double.NaN;
        double updateRatio = Double.NaN;
        if (params != null) {
            int rows = Math.min(params.length, firstNonFinite < 0 ? params.length : firstNonFinite);
            double[] u = updateStats(params, rows);
            flipRate = u[0];
            updateRatio = u[1];
        }
        ev.put(Evidence.FIRST_LOSS, first);
        ev.put(Evidence.LAST_LOSS, last);
        ev.put(Evidence.LOSS_RATIO, first != 0 ? last / first : Double.NaN);
        ev.put(Evidence.IMPROVEMENT, first != 0 ? drop / Math.abs(first) : Double.NaN);
        ev.put(Evidence.FRACTION_INCREASING, fracInc);
        ev.put(Evidence.RECENT_SHARE, recentShare);
        ev.put(Evidence.RECENT_SWING, swing);
        ev.put(Evidence.LOG_LOSS_SLOPE, slope);
        ev.put(Evidence.SIGN_FLIP_RATE, flipRate);
        ev.put(Evidence.UPDATE_RATIO, updateRatio);
        ev.put(Evidence.MAX_ABS_PARAM, maxAbs);
        ev.put(Evidence.STOPPED, stopped ? 1.0 : 0.0);
        ev.put(Evidence.FIRST_NON_FINITE, (double) firstNonFinite);

        boolean flips = flipRate >= flipThreshold;
        RunClass verdict;
        boolean growing = last > first && fracInc >= 0.5 && max(losses, m / 2, m) > max(losses, 0, m / 2);
        if (stopped || firstNonFinite >= 0 || maxAbs > bound || growing) {
            verdict = RunClass.DIVERGING;
        } else if ((drop > 0 && recentShare <= plateauShare) || (gradNorms != null && gradNorms[m - 1] == 0)) {
            verdict = flips ? RunClass.ZIG_ZAG : RunClass.CONVERGED;
        } else if (flips || (params == null && (fracInc >= 0.3 || swing > 2))) {
            verdict = RunClass.OSCILLATING;
        } else {
            verdict = RunClass.STALLED;
        }
        double factor = verdict.defaultLrFactor();
        if (verdict == RunClass.STALLED) {
            if (updateRatio > 0 && updateRatio < 1) factor = Math.min(10, Math.max(2, 1 / (1 - updateRatio)));
            else if (!(drop / Math.abs(first) >= 0.1)) factor = 10;
        }
        return new Diagnosis(verdict, ev, factor, lr);
    }

    private static double max(double[] x, int from, int to) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = from; k < to; k++) m = Math.max(m, x[k]);
        return m;
    }

    private static double recentSwing(double[] losses, int m) {
        int from = Math.max(0, m - 10);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = from; k < m; k++) {
            if (!(losses[k] > 0)) return Double.NaN;
            lo = Math.min(lo, losses[k]);
            hi = Math.max(hi, losses[k]);
        }
        return hi / lo;
    }

    private static double logSlope(double[] losses, int m) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int k = 0; k < m; k++) {
            if (!(losses[k] > 0)) return Double.NaN;
            double y = Math.log(losses[k]);
            sx += k;
            sy += y;
            sxx += (double) k * k;
            sxy += k * y;
        }
        double den = m * sxx - sx * sx;
        return den == 0 ? Double.NaN : (m * sxy - sx * sy) / den;
    }

    /** {flip rate, median update ratio} over the update vectors Δ_k = θ_{k+1} − θ_k. */
    private static double[] updateStats(double[][] params, int rows) {
        int pairs = rows - 2;
        if (pairs < 1) return new double[] {Double.NaN, Double.NaN};
        double[] ratios = new double[pairs];
        int nr = 0;
        int flips = 0;
        int counted = 0;
        for (int k = 0; k < pairs; k++) {
            double dot = 0, norm = 0;
            for (int j = 0; j < params[k].length; j++) {
                double d0 = params[k + 1][j] - params[k][j];
                double d1 = params[k + 2][j] - params[k + 1][j];
                dot += d0 * d1;
                norm += d0 * d0;
            }
            if (norm == 0) continue;   // the run stands still: no direction to flip
            counted++;
            if (dot < 0) flips++;
            ratios[nr++] = dot / norm;
        }
        if (counted == 0) return new double[] {0.0, Double.NaN};
        double[] r = Arrays.copyOf(ratios, nr);
        Arrays.sort(r);
        double median = nr % 2 == 1 ? r[nr / 2] : 0.5 * (r[nr / 2 - 1] + r[nr / 2]);
        return new double[] {(double) flips / counted, median};
    }
}
