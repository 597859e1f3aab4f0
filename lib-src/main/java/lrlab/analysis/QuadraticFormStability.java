package lrlab.analysis;

import java.util.Arrays;
import lrlab.util.Check;
import org.ejml.simple.SimpleEVD;
import org.ejml.simple.SimpleMatrix;

/**
 * Stability facts of plain gradient descent on a quadratic form L(x) = ½xᵀAx − bᵀx with symmetric
 * positive definite A, from the eigenvalues of A (μ = λmin, L = λmax, κ = L/μ).
 *
 * <p>In the eigenbasis of A every direction i is a 1-D quadratic of curvature λ_i, so one step
 * multiplies its error component by 1 − ηλ_i. The run converges iff every |1 − ηλ_i| &lt; 1, i.e.
 * η &lt; 2/L; the safe step 1/L never overshoots; the best constant step 2/(L + μ) balances the
 * stiffest and the flattest direction and contracts by (κ − 1)/(κ + 1) per step. Immutable.
 */
public final class QuadraticFormStability {
    private final double[] eigenvalues;

    private QuadraticFormStability(double[] ascending) {
        this.eigenvalues = ascending;
    }

    /**
     * From the eigenvalues of A, in any order.
     *
     * @throws IllegalArgumentException if there are none, or one is not finite or ≤ 0
     */
    public static QuadraticFormStability ofEigenvalues(double... eigenvalues) {
        if (eigenvalues == null || eigenvalues.length == 0) {
            throw new IllegalArgumentException("eigenvalues must have length >= 1, got 0");
        }
        double[] sorted = eigenvalues.clone();
        for (int i = 0; i < sorted.length; i++) {
            Check.positive("eigenvalues[" + i + "]", sorted[i]);
        }
        Arrays.sort(sorted);
        return new QuadraticFormStability(sorted);
    }

    /**
     * From a symmetric positive definite matrix A (rows), eigenvalues computed with EJML.
     *
     * @throws IllegalArgumentException if A is empty, not square, not symmetric or not positive definite
     */
    public static QuadraticFormStability ofMatrix(double[][] a) {
        int n = a == null ? 0 : a.length;
        if (n == 0) throw new IllegalArgumentException("A must be a non-empty square matrix, got 0 rows");
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("A must be square, got row " + i + " of length "
                        + a[i].length + " in a matrix of " + n + " rows");
            }
            for (int j = 0; j < i; j++) {
                double tol = 1e-12 * Math.max(1.0, Math.max(Math.abs(a[i][j]), Math.abs(a[j][i])));
                if (Math.abs(a[i][j] - a[j][i]) > tol) {
                    throw new IllegalArgumentException("A must be symmetric, got A[" + i + "][" + j + "]="
                            + a[i][j] + " but A[" + j + "][" + i + "]=" + a[j][i]);
                }
            }
        }
        SimpleEVD<SimpleMatrix> evd = new SimpleMatrix(a).eig();
        double[] ev = new double[n];
        for (int i = 0; i < n; i++) {
            ev[i] = evd.getEigenvalue(i).getReal();
            if (!(ev[i] > 0)) {
                throw new IllegalArgumentException("A must be positive definite, got eigenvalue " + ev[i]);
            }
        }
        return ofEigenvalues(ev);
    }

    /** The eigenvalues in ascending order (a copy). */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** μ = λmin, the flattest curvature. */
    public double mu() {
        return eigenvalues[0];
    }

    /** L = λmax, the stiffest curvature (the gradient's Lipschitz constant). */
    public double lipschitz() {
        return eigenvalues[eigenvalues.length - 1];
    }

    /** κ = L/μ, the condition number. */
    public double conditionNumber() {
        return lipschitz() / mu();
    }

    /** η = 2/L: above it the stiffest direction diverges. */
    public double stabilityLimit() {
        return 2.0 / lipschitz();
    }

    /** η = 1/L: the step that never overshoots in any direction. */
    public double safeLr() {
        return 1.0 / lipschitz();
    }

    /** η = 2/(L + μ): the constant step with the smallest worst-case contraction. */
    public double optimalLr() {
        return 2.0 / (lipschitz() + mu());
    }

    /** (κ − 1)/(κ + 1) = (L − μ)/(L + μ): the contraction per step at {@link #optimalLr()}. */
    public double optimalContraction() {
        return (lipschitz() - mu()) / (lipschitz() + mu());
    }

    /**
     * Polyak's heavy-ball rate for this form, η = 4/(√L + √μ)²; with {@link #heavyBallMomentum()} the
     * error shrinks by (√κ − 1)/(√κ + 1) per step instead of plain descent's (κ − 1)/(κ + 1).
     */
    public double heavyBallLr() {
        double s = Math.sqrt(lipschitz()) + Math.sqrt(mu());
        return 4.0 / (s * s);
    }

    /** Polyak's heavy-ball momentum for this form, β = ((√L − √μ)/(√L + √μ))². */
    public double heavyBallMomentum() {
        double c = heavyBallContraction();
        return c * c;
    }

    /** (√κ − 1)/(√κ + 1): the contraction per step of the tuned heavy ball (asymptotically). */
    public double heavyBallContraction() {
        double r = Math.sqrt(conditionNumber());
        return (r - 1) / (r + 1);
    }

    /** |1 − ηλ_i| for every eigen-direction, in the order of {@link #eigenvalues()}. */
    public double[] directionFactors(double lr) {
        Check.positive("lr", lr);
        double[] f = new double[eigenvalues.length];
        for (int i = 0; i < f.length; i++) f[i] = Math.abs(1.0 - lr * eigenvalues[i]);
        return f;
    }

    /** max_i |1 − ηλ_i| = max(|1 − ημ|, |1 − ηL|): the worst-case error contraction per step. */
    public double contractionFactor(double lr) {
        Check.positive("lr", lr);
        return Math.max(Math.abs(1.0 - lr * mu()), Math.abs(1.0 - lr * lipschitz()));
    }

    /** The regime of the stiffest direction (ηL decides whether the run converges at all). */
    public Regime regime(double lr) {
        return Regime.of(lr, lipschitz());
    }

    /** The regime of every eigen-direction, in the order of {@link #eigenvalues()}. */
    public Regime[] directionRegimes(double lr) {
        Check.positive("lr", lr);
        Regime[] r = new Regime[eigenvalues.length];
        for (int i = 0; i < r.length; i++) r[i] = Regime.of(lr, eigenvalues[i]);
        return r;
    }

    @Override
    public String toString() {
        return "QuadraticFormStability[mu=" + mu() + ", L=" + lipschitz() + ", kappa=" + conditionNumber()
                + ", stabilityLimit=" + stabilityLimit() + ", optimalLr=" + optimalLr() + "]";
    }
}
