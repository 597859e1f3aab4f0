package lrlab.objective;

import lrlab.util.Check;
import tech.tablesaw.api.Table;

/**
 * Least squares for a line through data: parameters [w, b], loss the mean squared error
 * L(w, b) = mean((w·xᵢ + b − yᵢ)²), gradient [2·mean(rᵢ·xᵢ), 2·mean(rᵢ)] with rᵢ = w·xᵢ + b − yᵢ.
 * Its Hessian is constant, H = 2·[[mean x², mean x], [mean x, 1]], so {@link #curvature()} gives the
 * stability facts of gradient descent on it.
 */
public final class LeastSquares implements Objective {

    private final double[] x;
    private final double[] y;

    private LeastSquares(double[] x, double[] y) {
        Check.that(x != null && y != null && x.length != 0, () -> "data must be non-empty, got " + (x == null ? "null" : x.length)
                + " points");
        Check.that(y.length == x.length, () -> "y length must equal x length " + x.length + ", got " + y.length);
        for (int i = 0; i < x.length; i++) {
            int k = i;
            Check.that(Double.isFinite(x[k]) && Double.isFinite(y[k]), () -> "data point " + k + " must be finite, got ("
                    + x[k] + ", " + y[k] + ")");
        }
        this.x = x.clone();
        this.y = y.clone();
    }

    /**
     * MSE of the line w·x + b on the points (x[i], y[i]) (arrays copied).
     *
     * @param x the inputs x_i
     * @param y the targets y_i
     * @return the least-squares loss of those points
     */
    public static LeastSquares of(double[] x, double[] y) {
        return new LeastSquares(x, y);
    }

    /**
     * MSE of the line on two numeric columns of a table.
     *
     * @param table the data (not modified)
     * @param xColumn the column of the inputs x
     * @param yColumn the column of the targets y
     * @return the least-squares loss of those columns
     */
    public static LeastSquares of(Table table, String xColumn, String yColumn) {
        return new LeastSquares(table.numberColumn(xColumn).asDoubleArray(), table.numberColumn(yColumn).asDoubleArray());
    }

    /** @return number of data points */
    public int size() {
        return x.length;
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double value(double[] p) {
        Check.length("params", p, 2);
        double w = p[0];
        double c = p[1];
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = w * x[i] + c - y[i];
            s += r * r;
        }
        return s / x.length;
    }

    /** MSE and its gradient [∂/∂w, ∂/∂b] into {@code gradient} (modified, length 2). */
    @Override
    public double valueAndGradient(double[] p, double[] gradient) {
        Check.length("params", p, 2);
        Check.length("gradient", gradient, 2);
        double w = p[0];
        double c = p[1];
        double s = 0;
        double gw = 0;
        double gb = 0;
        for (int i = 0; i < x.length; i++) {
            double r = w * x[i] + c - y[i];
            s += r * r;
            gw += r * x[i];
            gb += r;
        }
        int n = x.length;
        gradient[0] = 2 * (gw / n);
        gradient[1] = 2 * (gb / n);
        return s / n;
    }

    /**
     * The loss as a quadratic form ½θᵀHθ − cᵀθ (equal to L up to the constant mean(y²)), for its
     * curvature facts: eigenvalues, stability limit 2/λmax, optimal lr, condition number.
     *
     * @return the loss as a quadratic form ½θᵀHθ − cᵀθ (equal to L up to the constant mean(y²)), for its curvature facts: eigenvalues, stability limit 2/λmax, optimal lr, condition number
     */
    public QuadraticForm curvature() {
        int n = x.length;
        double mx = 0;
        double mxx = 0;
        double mxy = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            mxx += x[i] * x[i];
            mxy += x[i] * y[i];
            my += y[i];
        }
        mx /= n;
        mxx /= n;
        mxy /= n;
        my /= n;
        return QuadraticForm.of(new double[][] {{2 * mxx, 2 * mx}, {2 * mx, 2}}, 2 * mxy, 2 * my);
    }

    /** @return the least-squares optimum [w*, b*]; needs at least two distinct x values */
    public double[] minimizer() {
        return curvature().minimizer();
    }

    @Override
    public String toString() {
        return "LeastSquares(" + x.length + " points)";
    }
}
