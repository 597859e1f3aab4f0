package lrlab.analysis;

import java.util.SplittableRandom;
import lrlab.objective.Objective;
import lrlab.util.Check;

/**
 * The sharpness of a loss at a point: the largest eigenvalue λ_max of its Hessian ∇²L(θ), found by power
 * iteration on Hessian-vector products taken as central differences of the gradient,
 * Hv ≈ (∇L(θ + hv) − ∇L(θ − hv)) / 2h. Near θ, gradient descent is stable only for η &lt; 2/λ_max
 * (notebook 3's limit, with λ_max in place of the curvature a); on a quadratic loss such as linear
 * regression's mean squared error the Hessian is the same everywhere and the differences are exact up
 * to rounding.
 *
 * <pre>{@code
 * var model = LinearRegression.of(split.train());
 * double limit = Sharpness.stabilityLimit(model, model.initialParams(0));   // 2 / λ_max
 * }</pre>
 *
 * <p>Power iteration finds the eigenvalue of largest magnitude; on a convex loss that is λ_max.
 */
public final class Sharpness {

    private static final int MAX_ITERATIONS = 1000;
    private static final double REL_TOL = 1e-10;

    private Sharpness() {
    }

    /**
     * λ_max of ∇²L at {@code at}.
     *
     * @param loss the loss L (a model is its mean loss over its data)
     * @param at θ, length {@code loss.dimension()} (not modified)
     * @return the Hessian eigenvalue of largest magnitude
     */
    public static double of(Objective loss, double[] at) {
        Check.notNull("loss", loss);
        Check.length("at", Check.notNull("at", at), loss.dimension());
        for (double v : at) {
            Check.finite("at[i]", v);
        }
        int d = at.length;
        double[] v = new double[d], hv = new double[d], plus = new double[d], minus = new double[d];
        double[] gPlus = new double[d], gMinus = new double[d];
        SplittableRandom random = new SplittableRandom(0);
        for (int i = 0; i < d; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        normalise(v);
        double scale = 0;
        for (double x : at) {
            scale = Math.max(scale, Math.abs(x));
        }
        double h = 1e-4 * Math.max(1, scale);
        double lambda = 0;
        for (int k = 0; k < MAX_ITERATIONS; k++) {
            for (int i = 0; i < d; i++) {
                plus[i] = at[i] + h * v[i];
                minus[i] = at[i] - h * v[i];
            }
            loss.valueAndGradient(plus, gPlus);
            loss.valueAndGradient(minus, gMinus);
            double rayleigh = 0;
            for (int i = 0; i < d; i++) {
                hv[i] = (gPlus[i] - gMinus[i]) / (2 * h);
                rayleigh += v[i] * hv[i];
            }
            double norm = normalise(hv);
            if (norm == 0) {
                return 0;
            }
            double[] swap = v;
            v = hv;
            hv = swap;
            boolean settled = Math.abs(rayleigh - lambda) <= REL_TOL * Math.abs(rayleigh);
            lambda = rayleigh;
            if (settled) {
                break;
            }
        }
        return lambda;
    }

    /**
     * The local stability limit of gradient descent, 2/λ_max.
     *
     * @param loss the loss L
     * @param at θ (not modified)
     * @return 2 / {@link #of(Objective, double[])}, +∞ where the loss is flat
     */
    public static double stabilityLimit(Objective loss, double[] at) {
        double lambda = of(loss, at);
        return lambda > 0 ? 2 / lambda : Double.POSITIVE_INFINITY;
    }

    private static double normalise(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        double norm = Math.sqrt(s);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return norm;
    }
}
