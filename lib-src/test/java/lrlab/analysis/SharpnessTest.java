package lrlab.analysis;

import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import lrlab.data.Datasets;
import lrlab.model.LinearRegression;
import lrlab.objective.Quadratic;
import lrlab.objective.QuadraticForm;
import lrlab.objective.Rosenbrock;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sharpness: the largest Hessian eigenvalue against closed forms and an eigen-decomposition. */
class SharpnessTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 4.0, 20.0})
    void aOneDimensionalQuadraticHasItsCurvatureAndLimitTwoOverA(double a) {
        var q = Quadratic.of(a, 1.0);
        assertClose(a, Sharpness.of(q, new double[] {-3.0}), 1e-9, "lambda_max");
        assertClose(q.stabilityLimit(), Sharpness.stabilityLimit(q, new double[] {7.0}), 1e-9, "2/a");
    }

    @Test
    void aQuadraticFormGivesItsLargestEigenvalueL() {
        var f = QuadraticForm.of(new double[][] {{10, 2, 0}, {2, 3, 1}, {0, 1, 1}}, 1, -2, 0.5);
        assertClose(f.L(), Sharpness.of(f, new double[] {0.3, -0.2, 5}), 1e-8, "L");
    }

    @Test
    void linearRegressionSharpnessIsTheTopEigenvalueOfTwoOverMTimesAtA() {
        var train = Datasets.diabetes().split(0.8, 0).standardize().train();
        var model = LinearRegression.of(train);
        int m = train.rows(), d = train.features();
        SimpleMatrix a = new SimpleMatrix(m, d + 1);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                a.set(i, j, train.x(i, j));
            }
            a.set(i, d, 1.0);
        }
        var hessian = a.transpose().mult(a).scale(2.0 / m);
        double top = Arrays.stream(hessian.eig().getEigenvalues().stream().mapToDouble(c -> c.real).toArray())
                .max().getAsDouble();
        assertClose(top, Sharpness.of(model, model.initialParams(0)), 1e-6, "lambda_max");
    }

    @Test
    void theNonConvexRosenbrockAtItsMinimumHasTheKnownTopEigenvalue() {
        // Hessian at (1, 1): [[802, -400], [-400, 200]], top eigenvalue 501 + sqrt(301^2 + 400^2)
        double expected = 501 + Math.hypot(301, 400);
        assertClose(expected, Sharpness.of(Rosenbrock.standard(), new double[] {1, 1}), 1e-6, "lambda_max");
    }

    @Test
    void aFlatLossHasNoLimit() {
        var flat = QuadraticForm.of(new double[][] {{0, 0}, {0, 0}});
        assertEquals(0.0, Sharpness.of(flat, new double[] {1, 2}));
        assertEquals(Double.POSITIVE_INFINITY, Sharpness.stabilityLimit(flat, new double[] {1, 2}));
    }

    @Test
    void badArgumentsAreRejectedWithTheirName() {
        var q = Quadratic.of(2.0, 0.0);
        assertThrows(IllegalArgumentException.class, () -> Sharpness.of(null, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Sharpness.of(q, null));
        var e = assertThrows(IllegalArgumentException.class, () -> Sharpness.of(q, new double[] {1, 2}));
        assertEquals(true, e.getMessage().contains("at"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sharpness.of(q, new double[] {Double.NaN}));
    }
}
