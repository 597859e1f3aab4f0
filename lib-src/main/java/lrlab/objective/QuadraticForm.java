package lrlab.objective;

import java.util.Arrays;
import lrlab.util.Check;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The quadratic form L(x) = ½xᵀAx − bᵀx with A symmetric, gradient ∇L = Ax − b, and the stability facts
 * of plain gradient descent on it, from the eigenvalues of A computed once with EJML (ascending;
 * μ = λmin, L = λmax, κ = L/μ).
 *
 * <p>In the eigenbasis of A every direction i is a 1-D {@link Quadratic} of curvature λ_i, so one step
 * multiplies its error component by 1 − ηλ_i. The run converges iff every |1 − ηλ_i| &lt; 1, i.e.
 * η &lt; 2/L (the stability limit); the best constant step 2/(L + μ) balances the stiffest and the
 * flattest direction and contracts by (κ − 1)/(κ + 1) per step. The names match {@link Quadratic}'s:
 * in one dimension both give the same numbers.
 *
 * <p>{@code QuadraticForm.of(new double[][] {{10, 2}, {2, 1}}, 2, 1)}.
 */
public final class QuadraticForm implements Objective {

    /**
     * How far from symmetric A may be: |A_ij − A_ji| ≤ 1e-12 · max(1, |A_ij|, |A_ji|) (rounding of a
     * matrix computed as a product); A is stored as (A + Aᵀ)/2.
     */
    public static final double SYMMETRY_TOLERANCE = 1e-12;

    private final int n;
    private final double[] a;
    private final double[] b;
    private final double[] eigenvalues;

    private QuadraticForm(double[][] matrix, double[] b) {
        n = symmetricSize(matrix);
        Check.length("b", b, n);
        a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = 0.5 * (matrix[i][j] + matrix[j][i]);
            }
            Check.finite("b[" + i + "]", b[i]);
        }
        this.b = b.clone();
        this.eigenvalues = symmetricEigenvalues();
    }

    /**
     * Checks that {@code matrix} is a non-empty, square, finite matrix, symmetric within
     * {@link #SYMMETRY_TOLERANCE}, and returns its size.
     */
    private static int symmetricSize(double[][] matrix) {
        Check.that(matrix != null && matrix.length > 0, () -> "A must be a non-empty square matrix, got "
                + (matrix == null ? "null" : "0 rows"));
        int n = matrix.length;
        for (int i = 0; i < n; i++) {
            int row = i;
            Check.that(matrix[i].length == n, () -> "A must be square " + n + "x" + n + ", row " + row
                    + " has length " + matrix[row].length);
            for (int j = 0; j < n; j++) {
                Check.finite("A[" + i + "][" + j + "]", matrix[i][j]);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double aij = matrix[i][j];
                double aji = matrix[j][i];
                double tol = SYMMETRY_TOLERANCE * Math.max(1.0, Math.max(Math.abs(aij), Math.abs(aji)));
                int r = i;
                int c = j;
                Check.that(Math.abs(aij - aji) <= tol, () -> "A must be symmetric, got A[" + r + "][" + c + "] = "
                        + aij + " but A[" + c + "][" + r + "] = " + aji);
            }
        }
        return n;
    }

    /**
     * ½xᵀAx − bᵀx for a symmetric n×n matrix A (rows) and a vector b of length n.
     *
     * @param a A, symmetric within the tolerance (rows, not modified)
     * @param b b, one entry per row of A
     * @return the quadratic form
     */
    public static QuadraticForm of(double[][] a, double... b) {
        return new QuadraticForm(a, b);
    }

    /**
     * ½xᵀAx (b = 0), minimum at the origin.
     *
     * @param a A, symmetric within the tolerance (rows, not modified)
     * @return the quadratic form with b = 0
     */
    public static QuadraticForm of(double[][] a) {
        return new QuadraticForm(a, new double[a == null ? 0 : a.length]);
    }

    private double[] symmetricEigenvalues() {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(matrix())) {
            throw new IllegalStateException("EJML could not decompose A");
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(values);
        return values;
    }

    /** @return a as a new EJML matrix */
    public DMatrixRMaj matrix() {
        return new DMatrixRMaj(n, n, true, a);
    }

    /** @return b, a copy */
    public double[] b() {
        return b.clone();
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] x) {
        checkLength(x, "x");
        return evaluate(x, null);
    }

    /** L(x) and ∇L = Ax − b written into {@code gradient} (modified); x not modified. */
    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        checkLength(x, "x");
        checkLength(gradient, "gradient");
        return evaluate(x, gradient);
    }

    /** ½xᵀAx − bᵀx in one pass over A, writing Ax − b into {@code gradient} unless it is null. */
    private double evaluate(double[] x, double[] gradient) {
        double quad = 0;
        double lin = 0;
        for (int i = 0; i < n; i++) {
            double ax = 0;
            for (int j = 0; j < n; j++) {
                ax += a[i * n + j] * x[j];
            }
            quad += x[i] * ax;
            lin += b[i] * x[i];
            if (gradient != null) {
                gradient[i] = ax - b[i];
            }
        }
        return 0.5 * quad - lin;
    }

    private void checkLength(double[] array, String name) {
        Check.length(name, array, n);
    }

    /** @return the eigenvalues of A in ascending order (a copy) */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** @return L = λmax, the smoothness constant (largest curvature) */
    public double L() {
        return eigenvalues[n - 1];
    }

    /** @return μ = λmin, the strong-convexity constant (smallest curvature) */
    public double mu() {
        return eigenvalues[0];
    }

    /** @return whether A is positive definite (μ &gt; 0), so that a unique minimiser exists */
    public boolean isPositiveDefinite() {
        return mu() > 0;
    }

    /** @return κ = L/μ, the condition number; requires A positive definite */
    public double conditionNumber() {
        requirePositiveDefinite("conditionNumber");
        return L() / mu();
    }

    /** @return the minimiser x* = A⁻¹b (solved with EJML); requires A positive definite */
    public double[] minimizer() {
        requirePositiveDefinite("minimizer");
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        if (!CommonOps_DDRM.solve(matrix(), new DMatrixRMaj(n, 1, true, b), x)) {
            throw new IllegalStateException("A is singular to working precision");
        }
        return x.getData().clone();
    }

    /** @return the largest stable constant learning rate for gradient descent, 2/L; requires L &gt; 0 */
    public double stabilityLimit() {
        if (!(L() > 0)) {
            throw new IllegalStateException("stabilityLimit needs L = λmax > 0, got " + L());
        }
        return 2 / L();
    }

    /** @return the best constant learning rate for gradient descent, 2/(L + μ); requires A positive definite */
    public double optimalLr() {
        requirePositiveDefinite("optimalLr");
        return 2 / (L() + mu());
    }

    /**
     * @return (κ − 1)/(κ + 1): the error contraction per step at {@link #optimalLr()}, the smallest
     *         {@link #spectralRadius(double)} any constant rate reaches; requires A positive definite
     */
    public double optimalContraction() {
        double kappa = conditionNumber();
        return (kappa - 1) / (kappa + 1);
    }

    /**
     * Polyak's heavy-ball rate for this form, η = 4/(√L + √μ)²; with {@link #heavyBallMomentum()} the
     * error shrinks by (√κ − 1)/(√κ + 1) per step instead of plain descent's (κ − 1)/(κ + 1). Requires A
     * positive definite.
     *
     * @return Polyak's heavy-ball rate for this form, η = 4/(√L + √μ)²; with {@link #heavyBallMomentum()} the error shrinks by (√κ − 1)/(√κ + 1) per step instead of plain descent's (κ − 1)/(κ + 1)
     */
    public double heavyBallLr() {
        requirePositiveDefinite("heavyBallLr");
        double s = Math.sqrt(L()) + Math.sqrt(mu());
        return 4.0 / (s * s);
    }

    /** @return Polyak's heavy-ball momentum for this form, β = ((√L − √μ)/(√L + √μ))²; requires A positive definite */
    public double heavyBallMomentum() {
        double c = heavyBallContraction();
        return c * c;
    }

    /** @return (√κ − 1)/(√κ + 1): the tuned heavy ball's contraction per step; requires A positive definite */
    public double heavyBallContraction() {
        double r = Math.sqrt(conditionNumber());
        return (r - 1) / (r + 1);
    }

    /**
     * 1 − ηλ_i for every eigen-direction: the factor by which one step multiplies the error along it
     * ({@link Quadratic#contractionFactor(double)} of that direction).
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @return one factor per eigenvalue, in the order of {@link #eigenvalues()}
     */
    public double[] contractionFactors(double lr) {
        Check.positive("lr", lr);
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = 1.0 - lr * eigenvalues[i];
        }
        return f;
    }

    /**
     * max_i |1 − ηλ_i| = max(|1 − ημ|, |1 − ηL|): the worst-case factor by which one step shrinks the
     * error (the spectral radius of I − ηA); below 1 exactly when η &lt; 2/L.
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @return the spectral radius of one step
     */
    public double spectralRadius(double lr) {
        Check.positive("lr", lr);
        return Math.max(Math.abs(1.0 - lr * mu()), Math.abs(1.0 - lr * L()));
    }

    /**
     * The regime of the stiffest direction: ηL decides whether the run converges at all.
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @return {@link Regime#of(double, double)} of η and L
     */
    public Regime regime(double lr) {
        return Regime.of(lr, L());
    }

    /**
     * The regime of every eigen-direction.
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @return one regime per eigenvalue, in the order of {@link #eigenvalues()}
     */
    public Regime[] regimes(double lr) {
        Check.positive("lr", lr);
        Regime[] r = new Regime[n];
        for (int i = 0; i < n; i++) {
            r[i] = Regime.of(lr, eigenvalues[i]);
        }
        return r;
    }

    private void requirePositiveDefinite(String what) {
        if (!isPositiveDefinite()) {
            throw new IllegalStateException(what + " needs A positive definite, but λmin = " + mu());
        }
    }

    @Override
    public String toString() {
        return "QuadraticForm(n=" + n + ", eigenvalues=" + Arrays.toString(eigenvalues) + ")";
    }
}
