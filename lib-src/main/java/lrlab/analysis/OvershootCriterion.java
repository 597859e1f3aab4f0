package lrlab.analysis;

import lrlab.objective.Regime;
import lrlab.util.Check;

/**
 * The course text's rule, read off a recorded trajectory: a step θ → θ' converges when it ends closer to
 * the minimiser, |θ' − θ*| &lt; |θ − θ*|, and diverges when it ends farther; crossing θ* while getting
 * closer is the zig-zag.
 *
 * <p>On the 1-D quadratic the ratio (θ' − θ*)/(θ − θ*) is exactly the contraction factor 1 − ηa, so
 * {@link #regime(double[])} of a recorded run agrees with {@link Regime#of(double, double)} of the
 * formula. Distances are compared exactly by default, as the seed writes them; a relative tolerance
 * counts nearly equal distances as equal (for oscillations computed with rounding). Immutable.
 */
public final class OvershootCriterion {

    /** What one step θ → θ' did, judged by the distances to θ*. */
    public enum Step {
        /** Closer, on the same side: |θ' − θ*| &lt; |θ − θ*|, no crossing. */
        APPROACHING,
        /** Landed on the minimiser: θ' = θ*. */
        ARRIVED,
        /** Closer, on the other side: the zig-zag. */
        ZIG_ZAG,
        /** As far as before, on the other side: the oscillation. */
        OSCILLATING,
        /** As far as before on the same side (no progress; also a step from θ* that stays there). */
        STUCK,
        /** Farther: |θ' − θ*| &gt; |θ − θ*|, divergence. */
        DIVERGING
    }

    private final double minimizer;
    private final double rtol;

    private OvershootCriterion(double minimizer, double rtol) {
        this.minimizer = minimizer;
        this.rtol = rtol;
    }

    /**
     * The criterion around minimiser θ*, comparing distances exactly.
     *
     * @param minimizer θ*, finite
     * @return a criterion around θ*
     * @throws IllegalArgumentException if θ* is not finite
     */
    public static OvershootCriterion around(double minimizer) {
        return new OvershootCriterion(Check.finite("minimizer", minimizer), 0.0);
    }

    /**
     * The same criterion, counting distances within a relative {@code rtol} of each other as equal.
     *
     * @param rtol the relative tolerance, finite and ≥ 0
     * @return a copy with that relative tolerance
     * @throws IllegalArgumentException if rtol is not finite or &lt; 0
     */
    public OvershootCriterion withRelativeTolerance(double rtol) {
        Check.nonNegative("rtol", rtol);
        return new OvershootCriterion(minimizer, rtol);
    }

    /** @return θ* */
    public double minimizer() {
        return minimizer;
    }

    /**
     * True when the step gets closer to θ*: |θ' − θ*| &lt; |θ − θ*| (the course text's convergence test).
     *
     * @param theta θ, the point before the step
     * @param thetaNext θ', the point after the step
     * @return true when the step gets closer to θ*: |θ' − θ*| &lt; |θ − θ*|
     */
    public boolean converging(double theta, double thetaNext) {
        Step s = step(theta, thetaNext);
        return s == Step.APPROACHING || s == Step.ARRIVED || s == Step.ZIG_ZAG;
    }

    /**
     * Classifies one step θ → θ'.
     *
     * @param theta θ, the point before the step
     * @param thetaNext θ', the point after the step
     * @return what the step did
     * @throws IllegalArgumentException if θ or θ' is not finite
     */
    public Step step(double theta, double thetaNext) {
        Check.finite("theta", theta);
        Check.finite("thetaNext", thetaNext);
        double before = theta - minimizer;
        double after = thetaNext - minimizer;
        if (after == 0) return before == 0 ? Step.STUCK : Step.ARRIVED;
        double d0 = Math.abs(before);
        double d1 = Math.abs(after);
        boolean crossed = (before > 0 && after < 0) || (before < 0 && after > 0);
        if (Math.abs(d1 - d0) <= rtol * d0 || d1 == d0) return crossed ? Step.OSCILLATING : Step.STUCK;
        if (d1 > d0) return Step.DIVERGING;
        return crossed ? Step.ZIG_ZAG : Step.APPROACHING;
    }

    /**
     * The distance ratios |θ_{k+1} − θ*| / |θ_k − θ*| of a trajectory θ_0 … θ_n (n values; NaN
     * where θ_k = θ* or a value is not finite).
     *
     * @param trajectory θ_0 … θ_n, the iterates of a run
     * @return the distance ratios |θ_{k+1} − θ*| / |θ_k − θ*| of a trajectory θ_0 … θ_n (n values; NaN where θ_k = θ* or a value is not finite)
     */
    public double[] distanceRatios(double[] trajectory) {
        double[] r = new double[Math.max(0, trajectory.length - 1)];
        for (int k = 0; k < r.length; k++) {
            double d0 = Math.abs(trajectory[k] - minimizer);
            double d1 = Math.abs(trajectory[k + 1] - minimizer);
            r[k] = d0 == 0 || !Double.isFinite(d0) || !Double.isFinite(d1) ? Double.NaN : d1 / d0;
        }
        return r;
    }

    /**
     * The regime of a recorded trajectory θ_0 … θ_n (θ_0 the start), by the course text's criterion
     * applied to its steps up to the first that reaches θ* (up to 8 ulps of θ*) or leaves the finite
     * numbers:
     * ARRIVED at the first step → {@link Regime#ONE_STEP}; any DIVERGING step → {@link Regime#DIVERGING};
     * else any OSCILLATING step → {@link Regime#OSCILLATING}; else any ZIG_ZAG step → {@link Regime#ZIG_ZAG};
     * else {@link Regime#MONOTONE}.
     *
     * @param trajectory θ_0 … θ_n, the iterates of a run
     * @return the regime of the trajectory
     * @throws IllegalArgumentException if the trajectory has fewer than 2 values, starts at θ*, or
     * starts at a non-finite value
     */
    public Regime regime(double[] trajectory) {
        Check.that(trajectory != null && trajectory.length >= 2, () -> "trajectory must have at least 2 values (theta_0 and theta_1), got "
                + (trajectory == null ? 0 : trajectory.length));
        Check.finite("trajectory[0]", trajectory[0]);
        Check.that(trajectory[0] != minimizer, () -> "trajectory must not start at the minimizer " + minimizer
                + ": every learning rate looks the same from there");
        boolean zigZag = false;
        boolean oscillating = false;
        double roundingFloor = 8 * Math.ulp(minimizer);
        for (int k = 0; k + 1 < trajectory.length; k++) {
            // once the run sits on θ* up to rounding, later steps only show rounding noise
            if (k > 0 && Math.abs(trajectory[k] - minimizer) <= roundingFloor) break;
            if (!Double.isFinite(trajectory[k + 1])) return Regime.DIVERGING;
            Step s = step(trajectory[k], trajectory[k + 1]);
            switch (s) {
                case ARRIVED:
                    return k == 0 ? Regime.ONE_STEP : zigZag ? Regime.ZIG_ZAG : Regime.MONOTONE;
                case DIVERGING:
                    return Regime.DIVERGING;
                case OSCILLATING:
                    oscillating = true;
                    break;
                case ZIG_ZAG:
                    zigZag = true;
                    break;
                case STUCK:
                    if (trajectory[k + 1] == minimizer) {
                        return zigZag ? Regime.ZIG_ZAG : Regime.MONOTONE;
                    }
                    break;
                default:
                    break;
            }
        }
        if (oscillating) return Regime.OSCILLATING;
        return zigZag ? Regime.ZIG_ZAG : Regime.MONOTONE;
    }
}
