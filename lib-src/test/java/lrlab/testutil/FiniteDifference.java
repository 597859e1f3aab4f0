package lrlab.testutil;

import java.util.function.ToDoubleFunction;
import lrlab.objective.Objective;

/** Central finite differences, (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, to check analytic gradients. */
public final class FiniteDifference {

    private FiniteDifference() {
    }

    /** The central-difference gradient of {@code f} at {@code x} with step h·max(1, |xᵢ|). */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double h) {
        double[] g = new double[x.length];
        double[] p = x.clone();
        for (int i = 0; i < x.length; i++) {
            double step = h * Math.max(1, Math.abs(x[i]));
            p[i] = x[i] + step;
            double up = f.applyAsDouble(p);
            p[i] = x[i] - step;
            double down = f.applyAsDouble(p);
            p[i] = x[i];
            g[i] = (up - down) / (2 * step);
        }
        return g;
    }

    /**
     * Asserts that the objective's analytic gradient at {@code x} matches central differences, and
     * that valueAndGradient returns the same value as value.
     */
    public static void assertGradientMatches(Objective objective, double[] x, double rtol, double atol) {
        double[] analytic = new double[x.length];
        double v = objective.valueAndGradient(x, analytic);
        Tol.assertClose(objective.value(x), v, 1e-14, 1e-14, "valueAndGradient value");
        double[] numeric = gradient(objective::value, x, 1e-6);
        Tol.assertClose(numeric, analytic, rtol, atol, "gradient at " + java.util.Arrays.toString(x));
    }
}
