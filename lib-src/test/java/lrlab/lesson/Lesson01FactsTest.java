package lrlab.lesson;

import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import lrlab.objective.Quadratic;
import lrlab.objective.QuadraticForm;
import lrlab.trace.GradientDescent;
import lrlab.trace.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The facts notebook 01 (what the learning rate does) teaches. */
class Lesson01FactsTest {

    @Test
    void stepsShrinkByOneMinusLrTimesAAtAFixedRate() {
        var loss = Quadratic.of(1.0, 2.0);
        Trajectory run = GradientDescent.on(loss).from(10.0).steps(12).run(0.3);
        for (int t = 1; t < 12; t++) {
            double before = Math.abs(run.w(t) - run.w(t - 1));
            double after = Math.abs(run.w(t + 1) - run.w(t));
            assertClose(0.7, after / before, 1e-12, "step " + t + " / step " + (t - 1));
        }
    }

    @Test
    void theStepIsTheRateTimesTheSlope() {
        var loss = Quadratic.of(1.0, 2.0);
        Trajectory run = GradientDescent.on(loss).from(10.0).steps(5).run(0.3);
        for (int t = 0; t < 5; t++) {
            assertClose(0.3 * Math.abs(loss.derivative(run.w(t))), Math.abs(run.w(t + 1) - run.w(t)), 1e-12,
                    "step at t = " + t);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 1.0, 1.9, 25.0})
    void nothingMovesFromTheMinimizerWhateverTheRate(double lr) {
        Trajectory run = GradientDescent.on(Quadratic.of(1.0, 2.0)).from(2.0).steps(5).run(lr);
        assertEquals(2.0, run.w(5), 0.0);
    }

    @Test
    void eachCoordinateMovesByItsOwnPartialDerivative() {
        var bowl = QuadraticForm.of(new double[][] {{4, 0}, {0, 1}});
        Trajectory run = GradientDescent.on(bowl).from(2.0, 2.0).steps(1).run(0.2);
        assertClose(2 * (1 - 0.2 * 4), run.iterate(1, 0), 1e-12, "x0 after one step");
        assertClose(2 * (1 - 0.2 * 1), run.iterate(1, 1), 1e-12, "x1 after one step");
    }
}
