package lrlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import lrlab.data.Datasets;
import lrlab.model.LinearRegression;
import lrlab.objective.QuadraticForm;
import lrlab.testutil.Tol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SharpnessTest {

    static Stream<Arguments> quadratics() {
        return Stream.of(
                Arguments.of("diagonal", new double[][] {{10, 0, 0}, {0, 1, 0}, {0, 0, 0.1}}),
                Arguments.of("coupled", new double[][] {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}}),
                Arguments.of("indefinite", new double[][] {{2, 0}, {0, -5}}),
                Arguments.of("one dimension", new double[][] {{7}}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quadratics")
    void extremesAreTheHessiansEigenvaluesOnAQuadratic(String name, double[][] a) {
        QuadraticForm f = QuadraticForm.of(a);
        double[] eig = f.eigenvalues();
        double[] est = Sharpness.of(f).extremes(new double[a.length]);
        Tol.assertClose(eig[0], est[0], 1e-8, 1e-9, name + " smallest");
        Tol.assertClose(eig[eig.length - 1], est[1], 1e-8, 1e-9, name + " largest");
    }

    @Test
    void theLargestEigenvalueIsFoundAtAnyPointOfAQuadratic() {
        QuadraticForm f = QuadraticForm.of(new double[][] {{5, 2}, {2, 1}}, 1, -1);
        Tol.assertClose(f.L(), Sharpness.of(f).largest(new double[] {3, -7}), 1e-8, "λ_max away from the minimum");
    }

    @Test
    void onLeastSquaresTheSharpnessIsTheTopEigenvalueOfTwiceTheFeatureMoments() {
        // MSE (1/n)‖Xw + b − y‖² has the constant Hessian (2/n)[X 1]ᵀ[X 1]
        var data = Datasets.diabetes().standardize();
        int n = data.rows();
        int d = data.features();
        double[][] h = new double[d + 1][d + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= d; j++) {
                for (int k = 0; k <= j; k++) {
                    h[j][k] += 2.0 / n * (j < d ? data.x(i, j) : 1) * (k < d ? data.x(i, k) : 1);
                    h[k][j] = h[j][k];
                }
            }
        }
        double expected = QuadraticForm.of(h).L();
        double got = Sharpness.of(LinearRegression.of(data)).steps(30).largest(new double[data.features() + 1]);
        Tol.assertClose(expected, got, 1e-6, "λ_max of the diabetes least-squares loss");
    }

    @Test
    void theStabilityLimitIsTwoOverTheLargestEigenvalueAndInfiniteWithoutCurvature() {
        QuadraticForm f = QuadraticForm.of(new double[][] {{4, 0}, {0, 1}});
        Tol.assertClose(0.5, Sharpness.stabilityLimit(f, new double[] {1, 1}), 1e-9, "2/4");
        QuadraticForm flat = QuadraticForm.of(new double[][] {{0, 0}, {0, 0}});
        assertEquals(Double.POSITIVE_INFINITY, Sharpness.stabilityLimit(flat, new double[] {1, 2}));
    }

    @Test
    void fewerStepsNeverOverestimateTheLargestEigenvalue() {
        double[][] a = new double[30][30];
        for (int i = 0; i < 30; i++) {
            a[i][i] = 1 + i;
            if (i > 0) {
                a[i][i - 1] = 0.5;
                a[i - 1][i] = 0.5;
            }
        }
        QuadraticForm f = QuadraticForm.of(a);
        double top = f.L();
        double rough = Sharpness.of(f).steps(3).largest(new double[30]);
        assertTrue(rough <= top + 1e-9 && rough > 0.5 * top, "Lanczos estimates lie inside the spectrum: " + rough);
    }

    @Test
    void badArgumentsAreRejectedWithTheirName() {
        QuadraticForm f = QuadraticForm.of(new double[][] {{1, 0}, {0, 2}});
        assertThrows(IllegalArgumentException.class, () -> Sharpness.of(null));
        assertThrows(IllegalArgumentException.class, () -> Sharpness.of(f).steps(1));
        assertThrows(IllegalArgumentException.class, () -> Sharpness.of(f).epsilon(0));
        var e = assertThrows(IllegalArgumentException.class, () -> Sharpness.of(f).largest(new double[3]));
        assertTrue(e.getMessage().contains("theta"), e.getMessage());
    }
}
