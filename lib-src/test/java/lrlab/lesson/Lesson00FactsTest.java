package lrlab.lesson;

import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import lrlab.objective.Quadratic;
import lrlab.trace.GradientDescent;
import lrlab.trace.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The facts notebook 00 (a first run) states about its four runs on (w - 3)^2 from 7. */
class Lesson00FactsTest {

    private final GradientDescent gd = GradientDescent.on(Quadratic.shifted(3.0)).from(7.0).steps(15);

    @Test
    void oneHalfLandsOnTheMinimumInOneStep() {
        assertEquals(3.0, gd.run(0.5).w(1), 0.0);
        assertEquals(0.0, gd.run(0.5).loss(1), 0.0);
    }

    @ParameterizedTest
    @CsvSource({"0.1, 0.64", "0.9, 0.64", "1.1, 1.44"})
    void theLossChangesByTheSameFactorEveryStep(double lr, double factor) {
        Trajectory run = gd.run(lr);
        for (int t = 1; t <= 15; t++) {
            assertClose(factor, run.loss(t) / run.loss(t - 1), 1e-9, "loss ratio at step " + t);
        }
    }

    @Test
    void theLinesOfOneTenthAndNineTenthsLieOnTopOfEachOther() {
        assertClose(gd.run(0.1).finalLoss(), gd.run(0.9).finalLoss(), 1e-9, "same final loss");
    }
}
