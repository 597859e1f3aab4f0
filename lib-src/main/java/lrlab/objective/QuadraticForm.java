package lrlab.objective;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The quadratic form L(x) = ½xᵀAx − bᵀx with A symmetric, gradient ∇L = Ax − b, and its curvature
 * facts computed once with EJML: the eigenvalues of A (ascending), L = λmax, μ = λmin, κ = L/μ,
 * the minimiser A⁻¹b, and for gradient descent the stability limit 2/L, the best constant step
 * 2/(L + μ) and the contraction factor (κ − 1)/(κ + 1) per step at that rate.
 *
 * <p>{@code QuadraticForm.of(new double[][] {{10, 2}, {2, 1}}, 2, 1)}.
 */
public final class QuadraticForm implements Objective {

    private final int n;
    private final double[] a;
    private final double[] b;
    private final double[] eigenvalues;

    private QuadraticForm(double[][] matrix, double[] b) {
        if (matrix == null || matrix.length == 0) {
            throw new IllegalArgumentException("A must be a non-empty square matrix, got "
                    + (matrix == null ? "null" : "0 rows"));
        }
        n = matrix.length;
        if (b == null || b.length != n) {
            throw new IllegalArgumentException("b must have length " + n + " (the size of A), got "
                    + (b == null ? "null" : b.length));
        }
        a = new double[n * n];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new IllegalArgumentException("A must be square " + n + "x" + n + ", row " + i + " has length "
                        + matrix[i].length);
            }
            for (int j = 0; j < n; j++) {
                double v = matrix[i][j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("A[" + i + "][" + j + "] must be finite, got " + v);
                }
                a[i * n + j] = v;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (a[i * n + j] != a[j * n + i]) {
                    throw new IllegalArgumentException("A must be symmetric, got A[" + i + "][" + j + "] = "
                            + a[i * n + j] + " but A[" + j + "][" + i + "] = " + a[j * n + i]);
                }
            }
            if (!Double.isFinite(b[i])) {
                throw new IllegalArgumentException("b[" + i + "] must be finite, got " + b[i]);
            }
        }
        this.b = b.clone();
        this.eigenvalues = symmetricEigenvalues();
    }

    /** ½xᵀAx − bᵀx for a symmetric n×n matrix A (rows) and a vector b of length n. */
    public static QuadraticForm of(double[][] a, double... b) {
        return new QuadraticForm(a, b);
    }

    /** ½xᵀAx (b = 0), minimum at the origin. */
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

    /** A as a new EJML matrix. */
    public DMatrixRMaj matrix() {
        return new DMatrixRMaj(n, n, true, a);
    }

    /** b, a copy. */
    public double[] b() {
        return b.clone();
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] x) {
        checkLength(x.length, "x");
        return evaluate(x, null);
    }

    /** L(x) and ∇L = Ax − b written into {@code gradient} (modified); x not modified. */
    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        checkLength(x.length, "x");
        checkLength(gradient.length, "gradient");
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

    private void checkLength(int length, String name) {
        if (length != n) {
            throw new IllegalArgumentException(name + " length must equal the dimension " + n + ", got " + length);
        }
    }

    /** Eigenvalues of A in ascending order (a copy). */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** L = λmax, the smoothness constant (largest curvature). */
    public double L() {
        return eigenvalues[n - 1];
    }

    /** μ = λmin, the strong-convexity constant (smallest curvature). */
    public double mu() {
        return eigenvalues[0];
    }

    /** Whether A is positive definite (μ &gt; 0), so that a unique minimiser exists. */
    public boolean isPositiveDefinite() {
        return mu() > 0;
    }

    /** κ = L/μ; requires A positive definite. */
    public double conditionNumber() {
        requirePositiveDefinite("conditionNumber");
        return L() / mu();
    }

    /** The minimiser x* = A⁻¹b (solved with EJML); requires A positive definite. */
    public double[] minimizer() {
        requirePositiveDefinite("minimizer");
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        if (!CommonOps_DDRM.solve(matrix(), new DMatrixRMaj(n, 1, true, b), x)) {
            throw new IllegalStateException("A is singular to working precision");
        }
        return x.getData().clone();
    }

    /** Largest stable constant learning rate for gradient descent, 2/L; requires L &gt; 0. */
    public double stabilityLimit() {
        if (!(L() > 0)) {
            throw new IllegalStateException("stabilityLimit needs L = λmax > 0, got " + L());
        }
        return 2 / L();
    }

    /** The best constant learning rate for gradient descent, 2/(L + μ); requires A positive definite. */
    public double optimalLr() {
        requirePositiveDefinite("optimalLr");
        return 2 / (L() + mu());
    }

    /** Per-step error contraction of gradient descent at {@link #optimalLr()}: (κ − 1)/(κ + 1). */
    public double contractionFactor() {
        double kappa = conditionNumber();
        return (kappa - 1) / (kappa + 1);
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
