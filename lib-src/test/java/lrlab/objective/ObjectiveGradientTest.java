package lrlab.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import lrlab.testutil.FiniteDifference;
import lrlab.testutil.Tol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every objective's analytic gradient agrees with central differences; the curvature facts are right. */
class ObjectiveGradientTest {

    static final double[] XS = {-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0};
    static final double[] YS = {-2.38, -1.81, -0.45, 0.72, 1.33, 2.58, 3.46, 4.69};

    static Stream<Arguments> objectivesAndPoints() {
        QuadraticForm q2 = QuadraticForm.of(new double[][] {{10, 2}, {2, 1}}, 2, 1);
        QuadraticForm q3 = QuadraticForm.of(new double[][] {{4, 1, 0}, {1, 3, -1}, {0, -1, 2}}, 1, -2, 0.5);
        return Stream.of(
                Arguments.of("quadratic2d", q2, new double[] {-2, 3}),
                Arguments.of("quadratic2d at minimum", q2, new double[] {0, 1}),
                Arguments.of("quadratic3d", q3, new double[] {0.3, -1.2, 2.5}),
                Arguments.of("rosenbrock start", Rosenbrock.standard(), new double[] {-1.5, 2.0}),
                Arguments.of("rosenbrock valley", Rosenbrock.standard(), new double[] {0.7, 0.4}),
                Arguments.of("rosenbrock a=2 b=10", Rosenbrock.of(2, 10), new double[] {1.1, -0.3}),
                Arguments.of("least squares origin", LeastSquares.of(XS, YS), new double[] {0, 0}),
                Arguments.of("least squares elsewhere", LeastSquares.of(XS, YS), new double[] {3.2, -1.1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectivesAndPoints")
    void gradientMatchesCentralDifferences(String name, Objective f, double[] x) {
        FiniteDifference.assertGradientMatches(f, x, 1e-6, 1e-6);
    }

    @Test
    void quadraticFormCurvatureFactsMatchTheOracle() {
        QuadraticForm q = QuadraticForm.of(new double[][] {{10, 2}, {2, 1}}, 2, 1);
        Tol.assertClose(new double[] {0.5755710991019477, 10.424428900898052}, q.eigenvalues(), 1e-12, 0, "eigenvalues");
        Tol.assertClose(10.424428900898052, q.L(), 1e-12, 0, "L");
        Tol.assertClose(0.5755710991019477, q.mu(), 1e-12, 0, "mu");
        Tol.assertClose(18.11145298497976, q.conditionNumber(), 1e-12, 0, "kappa");
        Tol.assertClose(new double[] {0, 1}, q.minimizer(), 0, 1e-14, "minimizer");
        Tol.assertClose(0.19185703303398255, q.stabilityLimit(), 1e-12, 0, "2/L");
        Tol.assertClose(0.18181818181818182, q.optimalLr(), 1e-12, 0, "2/(L+mu)");
        Tol.assertClose(17.11145298497976 / 19.11145298497976, q.optimalContraction(), 1e-12, 0, "(k-1)/(k+1)");
    }

    @Test
    void quadraticFormGradientIsZeroAtTheMinimizer() {
        QuadraticForm q = QuadraticForm.of(new double[][] {{4, 1, 0}, {1, 3, -1}, {0, -1, 2}}, 1, -2, 0.5);
        double[] g = q.gradient(q.minimizer());
        Tol.assertClose(new double[3], g, 0, 1e-14, "gradient at minimizer");
    }

    @Test
    void indefiniteQuadraticFormRefusesMinimizerButGivesEigenvalues() {
        QuadraticForm saddle = QuadraticForm.of(new double[][] {{1, 0}, {0, -1}});
        assertEquals(-1.0, saddle.mu(), 1e-15);
        assertThrows(IllegalStateException.class, saddle::minimizer);
        assertThrows(IllegalStateException.class, saddle::conditionNumber);
    }

    @Test
    void quadraticFormRejectsBadMatrices() {
        assertThrows(IllegalArgumentException.class, () -> QuadraticForm.of(new double[][] {{1, 2}, {3, 1}}, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> QuadraticForm.of(new double[][] {{1, 2}}, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> QuadraticForm.of(new double[][] {{1, 0}, {0, 1}}, 0));
        assertThrows(IllegalArgumentException.class, () -> QuadraticForm.of(new double[0][0]));
        var e = assertThrows(IllegalArgumentException.class,
                () -> QuadraticForm.of(new double[][] {{Double.NaN}}, 0));
        assertTrue(e.getMessage().contains("A[0][0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> QuadraticForm.of(new double[][] {{1, 0}, {0, 1}}, 0, 0).value(new double[3]));
    }

    @Test
    void rosenbrockHasZeroMinimumAtAAndASquared() {
        Rosenbrock r = Rosenbrock.of(2, 10);
        assertEquals(0.0, r.value(r.minimizer()));
        Tol.assertClose(new double[2], r.gradient(r.minimizer()), 0, 0, "gradient at minimum");
        assertEquals(6.25 + 100 * 0.0625, Rosenbrock.standard().value(new double[] {-1.5, 2.0}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Rosenbrock.of(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Rosenbrock.standard().value(new double[3]));
    }

    @Test
    void leastSquaresMinimizerMatchesTheOracle() {
        LeastSquares ls = LeastSquares.of(XS, YS);
        Tol.assertClose(new double[] {2.036666666666667, 0.5083333333333331}, ls.minimizer(), 1e-12, 1e-15, "minimizer");
        assertEquals(6.5068, ls.value(new double[] {0, 0}), 1e-12);
        Tol.assertClose(new double[] {-5.855, -2.035}, ls.gradient(new double[] {0, 0}), 1e-12, 0, "gradient at 0");
        assertTrue(ls.curvature().stabilityLimit() > 0);
    }

    @Test
    void leastSquaresRejectsBadData() {
        assertThrows(IllegalArgumentException.class, () -> LeastSquares.of(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> LeastSquares.of(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> LeastSquares.of(new double[] {1, Double.NaN}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> LeastSquares.of(XS, YS).value(new double[1]));
    }

    @Test
    void leastSquaresFromATable() {
        var t = tech.tablesaw.api.Table.create("d", tech.tablesaw.api.DoubleColumn.create("x", XS),
                tech.tablesaw.api.DoubleColumn.create("y", YS));
        assertEquals(LeastSquares.of(XS, YS).value(new double[] {1, 1}),
                LeastSquares.of(t, "x", "y").value(new double[] {1, 1}));
    }
}
