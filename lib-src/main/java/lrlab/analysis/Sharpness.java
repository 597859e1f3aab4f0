package lrlab.analysis;

import java.util.SplittableRandom;
import lrlab.objective.Objective;
import lrlab.util.Check;

/**
 * The sharpness of a loss at a point: the largest eigenvalue λ_max of its Hessian ∇²L(θ). On a quadratic,
 * gradient descent is stable for η &lt; 2/λ_max (notebook 3); on a network λ_max changes as training moves
 * θ, and 2/λ_max is the stability limit of the place training has reached.
 *
 * <p>Estimated without forming the Hessian: k steps of the Lanczos method (with full
 * re-orthogonalisation) on Hessian–vector products, each a central difference of two gradients,
 * Hv ≈ (∇L(θ + εv) − ∇L(θ − εv)) / (2ε), exact on a quadratic; the extreme eigenvalues of the k × k
 * tridiagonal matrix (found by Sturm-sequence bisection) approach those of the Hessian from inside.
 * Cost: 2k gradient evaluations.
 *
 * <pre>{@code
 * double lambda = Sharpness.of(model).largest(params);     // 2 / lambda: the local stability limit
 * }</pre>
 */
public final class Sharpness {

    private final Objective objective;
    private int steps = 20;
    private double epsilon = 1e-7;
    private long seed = 0;

    private Sharpness(Objective objective) {
        this.objective = objective;
    }

    /**
     * Sharpness of {@code objective} (a model is an objective: its mean loss over its data set).
     *
     * @param objective L(θ) with gradient (not modified)
     * @return a sharpness estimator for {@code objective}
     */
    public static Sharpness of(Objective objective) {
        return new Sharpness(Check.notNull("objective", objective));
    }

    /**
     * Lanczos steps k ≥ 2 (default 20): more steps, sharper estimates and 2k gradients.
     *
     * @param steps k
     * @return this
     */
    public Sharpness steps(int steps) {
        this.steps = Check.atLeast("steps", steps, 2);
        return this;
    }

    /**
     * The finite-difference step ε &gt; 0 of the Hessian–vector products (default 1e-7). With ReLU units the
     * gradient jumps where a unit switches on or off; a small ε makes it unlikely that θ ± εv crosses such a
     * kink (a crossing shows as a spurious huge curvature), while rounding stays far below the estimate.
     *
     * @param epsilon ε
     * @return this
     */
    public Sharpness epsilon(double epsilon) {
        this.epsilon = Check.positive("epsilon", epsilon);
        return this;
    }

    /**
     * Seed of the random start vector (default 0).
     *
     * @param seed seed
     * @return this
     */
    public Sharpness seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * The local stability limit 2/λ_max at θ with the default settings (+∞ where λ_max ≤ 0: no direction
     * curves up, so no rate is too large for a quadratic model of the loss there).
     *
     * @param objective L(θ) with gradient (not modified)
     * @param theta θ (not modified)
     * @return the local stability limit 2/λ_max at θ with the default settings (+∞ where λ_max ≤ 0: no direction curves up, so no rate is too large for a quadratic model of the loss there)
     */
    public static double stabilityLimit(Objective objective, double[] theta) {
        double top = of(objective).largest(theta);
        return top > 0 ? 2 / top : Double.POSITIVE_INFINITY;
    }

    /**
     * λ_max(∇²L(θ)), the largest Hessian eigenvalue at θ.
     *
     * @param theta θ (not modified)
     * @return the estimate of λ_max
     */
    public double largest(double[] theta) {
        return extremes(theta)[1];
    }

    /**
     * {λ_min, λ_max} of ∇²L(θ): on a network λ_min is often negative (directions of negative curvature).
     *
     * @param theta θ (not modified)
     * @return a new array {smallest, largest} eigenvalue estimate
     */
    public double[] extremes(double[] theta) {
        int d = objective.dimension();
        Check.length("theta", theta, d);
        int k = Math.min(steps, d);
        double[][] basis = new double[k + 1][];
        double[] alpha = new double[k];
        double[] beta = new double[k];
        double[] v = new double[d];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < d; i++) {
            v[i] = rng.nextDouble() - 0.5;
        }
        scale(v, 1 / norm(v));
        double[] w = new double[d];
        double[] probe = new double[d];
        double[] gPlus = new double[d];
        double[] gMinus = new double[d];
        int m = 0;
        for (int j = 0; j < k; j++) {
            basis[j] = v.clone();
            hessianTimes(theta, basis[j], w, probe, gPlus, gMinus);
            alpha[j] = dot(w, basis[j]);
            m = j + 1;
            // full re-orthogonalisation (twice is enough): keeps the Lanczos vectors orthogonal in floating point
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i <= j; i++) {
                    axpy(-dot(w, basis[i]), basis[i], w);
                }
            }
            beta[j] = norm(w);
            if (beta[j] <= 1e-10 * Math.max(1, Math.abs(alpha[j]))) {
                break;      // an invariant subspace: its eigenvalues are exact
            }
            System.arraycopy(w, 0, v, 0, d);
            scale(v, 1 / beta[j]);
        }
        return new double[] {tridiagonalEigenvalue(alpha, beta, m, 0), tridiagonalEigenvalue(alpha, beta, m, m - 1)};
    }

    /** out ← Hv by a central difference of gradients; probe, gPlus, gMinus are scratch. */
    private void hessianTimes(double[] theta, double[] v, double[] out, double[] probe, double[] gPlus,
                              double[] gMinus) {
        int d = theta.length;
        for (int i = 0; i < d; i++) {
            probe[i] = theta[i] + epsilon * v[i];
        }
        objective.valueAndGradient(probe, gPlus);
        for (int i = 0; i < d; i++) {
            probe[i] = theta[i] - epsilon * v[i];
        }
        objective.valueAndGradient(probe, gMinus);
        double inv = 1 / (2 * epsilon);
        for (int i = 0; i < d; i++) {
            out[i] = (gPlus[i] - gMinus[i]) * inv;
        }
    }

    /**
     * The eigenvalue of rank {@code index} (0 = smallest) of the m × m symmetric tridiagonal matrix with
     * diagonal alpha and off-diagonal beta[0..m−2], by bisection on the Sturm count.
     */
    static double tridiagonalEigenvalue(double[] alpha, double[] beta, int m, int index) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            double r = (i > 0 ? Math.abs(beta[i - 1]) : 0) + (i < m - 1 ? Math.abs(beta[i]) : 0);
            lo = Math.min(lo, alpha[i] - r);
            hi = Math.max(hi, alpha[i] + r);
        }
        double pad = 1e-12 * Math.max(1, Math.max(Math.abs(lo), Math.abs(hi)));
        lo -= pad;
        hi += pad;
        for (int it = 0; it < 200 && hi - lo > 1e-14 * Math.max(1, Math.abs(lo) + Math.abs(hi)); it++) {
            double mid = 0.5 * (lo + hi);
            if (countBelow(alpha, beta, m, mid) > index) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Number of eigenvalues &lt; x (Sturm sequence of the LDLᵀ pivots of T − xI). */
    private static int countBelow(double[] alpha, double[] beta, int m, double x) {
        int count = 0;
        double pivot = 1;
        for (int i = 0; i < m; i++) {
            double off = i > 0 ? beta[i - 1] * beta[i - 1] / pivot : 0;
            pivot = alpha[i] - x - off;
            if (pivot == 0) {
                pivot = -1e-300;
            }
            if (pivot < 0) {
                count++;
            }
        }
        return count;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void scale(double[] a, double c) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= c;
        }
    }

    private static void axpy(double c, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += c * x[i];
        }
    }
}
