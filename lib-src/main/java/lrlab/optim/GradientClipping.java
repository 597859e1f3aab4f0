package lrlab.optim;

import java.util.Arrays;
import lrlab.util.Check;

/**
 * Gradient clipping by global norm, torch's {@code clip_grad_norm_}: when ‖g‖₂ &gt; c the whole gradient
 * is scaled by c/‖g‖₂, so its direction is kept and its length becomes c; otherwise it is left alone.
 * It caps the length of any one step at η·c, which stops a rare huge gradient (a loss spike) from
 * throwing the parameters far away, while ordinary steps are untouched.
 *
 * <pre>{@code
 * double norm = GradientClipping.clipByGlobalNorm(grad, 1.0);      // in place, returns ‖g‖ before
 * var clipped = GradientClipping.wrap(Optimizers.sgd(0.2).build(), 300);  // clips every step
 * }</pre>
 */
public final class GradientClipping implements Optimizer {

    private final Optimizer inner;
    private final double maxNorm;
    private double[] clippedGradient = new double[0];
    private double[] norms = new double[64];
    private int recorded;
    private long clippedSteps;

    private GradientClipping(Optimizer inner, double maxNorm) {
        this.inner = inner;
        this.maxNorm = maxNorm;
    }

    /**
     * Scales {@code gradient} in place to length at most {@code maxNorm}: g ← g·min(1, c/‖g‖₂).
     * Allocation-free. A non-finite norm leaves g as it is (the caller's divergence check sees it).
     *
     * @param gradient g (modified when ‖g‖₂ &gt; c)
     * @param maxNorm c, finite and &gt; 0, or +∞ to measure without clipping
     * @return ‖g‖₂ before clipping (torch returns the same "total norm")
     */
    public static double clipByGlobalNorm(double[] gradient, double maxNorm) {
        Check.notNull("gradient", gradient);
        Check.positiveOrInfinite("maxNorm", maxNorm);
        double norm = norm(gradient);
        if (norm > maxNorm && Double.isFinite(norm)) {
            double scale = maxNorm / norm;
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] *= scale;
            }
        }
        return norm;
    }

    /**
     * ‖g‖₂ = √(Σ gᵢ²).
     *
     * @param gradient the gradient g (not modified)
     * @return ‖g‖₂ = √(Σ gᵢ²)
     */
    public static double norm(double[] gradient) {
        double s = 0;
        for (double v : gradient) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * An optimizer that clips every gradient to global norm {@code maxNorm} before {@code inner} steps
     * on it, and records each step's norm before clipping. Learning rate and momentum pass through,
     * so schedulers drive it like the inner optimizer.
     *
     * @param inner the optimizer that takes the (clipped) step
     * @param maxNorm c, finite and &gt; 0, or +∞ to record the norms without clipping
     * @return a new clipping optimizer wrapping {@code inner}
     */
    public static GradientClipping wrap(Optimizer inner, double maxNorm) {
        return new GradientClipping(Check.notNull("inner", inner), Check.positiveOrInfinite("maxNorm", maxNorm));
    }

    /** @return the clipping threshold c */
    public double maxNorm() {
        return maxNorm;
    }

    /** @return the optimizer that takes the steps */
    public Optimizer inner() {
        return inner;
    }

    /**
     * Clips a copy of the gradient (the caller's array is not modified) and steps the inner optimizer
     * on it; the copy buffer is allocated once per parameter count.
     */
    @Override
    public void step(double[] params, double[] gradient) {
        Check.notNull("gradient", gradient);
        if (clippedGradient.length != gradient.length) {
            clippedGradient = new double[gradient.length];
        }
        System.arraycopy(gradient, 0, clippedGradient, 0, gradient.length);
        double norm = clipByGlobalNorm(clippedGradient, maxNorm);
        if (norm > maxNorm) {
            clippedSteps++;
        }
        if (recorded == norms.length) {
            norms = Arrays.copyOf(norms, 2 * norms.length);
        }
        norms[recorded++] = norm;
        inner.step(params, clippedGradient);
    }

    /** @return the gradient norms ‖g‖₂ seen before clipping, one per step since construction or reset (a copy) */
    public double[] norms() {
        return Arrays.copyOf(norms, recorded);
    }

    /**
     * The p-th percentile of the recorded norms (nearest rank: the smallest recorded norm that at least
     * p% of the norms do not exceed), a data-driven threshold: a run measured with c = +∞ and clipped at
     * its 90th percentile leaves nine steps in ten untouched.
     *
     * @param percentile p in (0, 100]
     * @return the p-th percentile of the recorded norms (nearest rank: the smallest recorded norm that at least p% of the norms do not exceed), a data-driven threshold: a run measured with c = +∞ and clipped at its 90th percentile leaves nine steps in ten untouched
     */
    public double normPercentile(double percentile) {
        Check.in("percentile", percentile, 0, true, 100, false);
        if (recorded == 0) {
            throw new IllegalStateException("no norms recorded yet: run some steps first");
        }
        double[] sorted = Arrays.copyOf(norms, recorded);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100 * recorded);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** @return how many steps had ‖g‖₂ &gt; c and were clipped */
    public long clippedSteps() {
        return clippedSteps;
    }

    @Override
    public int groupCount() {
        return inner.groupCount();
    }

    @Override
    public double lr(int group) {
        return inner.lr(group);
    }

    @Override
    public void setLr(int group, double lr) {
        inner.setLr(group, lr);
    }

    @Override
    public boolean hasMomentum() {
        return inner.hasMomentum();
    }

    @Override
    public double momentum(int group) {
        return inner.momentum(group);
    }

    @Override
    public void setMomentum(int group, double momentum) {
        inner.setMomentum(group, momentum);
    }

    @Override
    public long stepCount() {
        return inner.stepCount();
    }

    /** Resets the inner optimizer, the recorded norms and the clip count. */
    @Override
    public void reset() {
        inner.reset();
        recorded = 0;
        clippedSteps = 0;
    }

    @Override
    public String toString() {
        return "GradientClipping(maxNorm=" + maxNorm + ", " + inner + ")";
    }
}
