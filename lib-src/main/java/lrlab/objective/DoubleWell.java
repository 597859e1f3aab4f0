package lrlab.objective;

import lrlab.util.Check;
/**
 * A tilted double well L(w) = (w² − 1)² + t·w, L'(w) = 4w³ − 4w + t: for 0 &lt; t &lt; 8/(3√3) it has a
 * deep minimum left of 0 and a shallow one right of it, separated by a barrier near w = 0, the shape of
 * "a shallow local minimum that a small rate cannot leave".
 */
public final class DoubleWell implements ScalarObjective {

    private final double tilt;

    private DoubleWell(double tilt) {
        this.tilt = tilt;
    }

    /**
     * L(w) = (w² − 1)² + t·w, with 0 &lt; t &lt; 8/(3√3) ≈ 1.54 so that both minima exist.
     *
     * @param tilt the tilt t in (0, 8/(3√3))
     * @return the tilted double well
     */
    public static DoubleWell tilted(double tilt) {
        Check.that(tilt > 0 && tilt < 8 / (3 * Math.sqrt(3)), () -> "tilt must be in (0, 8/(3 sqrt 3)) = (0, 1.5396) for two minima, got "
                + tilt);
        return new DoubleWell(tilt);
    }

    /** @return the tilt t */
    public double tilt() {
        return tilt;
    }

    /** L(w). */
    public double value(double w) {
        double s = w * w - 1;
        return s * s + tilt * w;
    }

    /** L'(w) = 4w³ − 4w + t. */
    public double derivative(double w) {
        return 4 * w * w * w - 4 * w + tilt;
    }

    /**
     * L''(w) = 12w² − 4, the curvature (its value at a minimum sets the stable rate 2/L'').
     *
     * @param w the point w
     * @return L''(w) = 12w² − 4, the curvature (its value at a minimum sets the stable rate 2/L'')
     */
    public double curvature(double w) {
        return 12 * w * w - 4;
    }

    /** @return the deep (global) minimiser, left of 0 */
    public double deepMinimizer() {
        return newton(-1.0);
    }

    /** @return the shallow (local) minimiser, right of 0 */
    public double shallowMinimizer() {
        return newton(1.0);
    }

    /** @return the top of the barrier between the two minima (the local maximum) */
    public double barrier() {
        return newton(tilt / 4);
    }

    /**
     * The basin a point lies in: "deep" left of the barrier, "shallow" right of it.
     *
     * @param w the point w
     * @return the basin a point lies in: "deep" left of the barrier, "shallow" right of it
     */
    public String basin(double w) {
        return w < barrier() ? "deep" : "shallow";
    }

    private double newton(double w) {
        for (int i = 0; i < 100; i++) {
            double step = derivative(w) / curvature(w);
            w -= step;
            if (Math.abs(step) < 1e-15) {
                break;
            }
        }
        return w;
    }

    @Override
    public String toString() {
        return "(w^2 - 1)^2 + " + tilt + " w";
    }
}
