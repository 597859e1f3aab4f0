package lrlab.lesson;

import lrlab.objective.DoubleWell;
import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import lrlab.data.Datasets;
import lrlab.model.LinearRegression;
import lrlab.objective.Quadratic;
import lrlab.trace.GradientDescent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** DoubleWell, Lessons, ScheduledTraining and LrDoctor: values and every bad-argument path. */
class CourseHelpersTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.1, 1.54, Double.NaN})
    void doubleWellNeedsATiltThatKeepsTwoMinima(double tilt) {
        assertThrows(IllegalArgumentException.class, () -> DoubleWell.tilted(tilt));
    }

    @Test
    void doubleWellMinimaAndBarrierAreStationaryPoints() {
        var well = DoubleWell.tilted(0.3);
        for (double w : new double[] {well.deepMinimizer(), well.shallowMinimizer(), well.barrier()}) {
            assertEquals(0.0, well.derivative(w), 1e-12);
        }
        assertEquals("deep", well.basin(-0.5));
        assertEquals("shallow", well.basin(0.5));
    }

    @Test
    void distancesFollowTheContractionFactor() {
        var t = Lessons.distances(GradientDescent.on(Quadratic.shifted(2.0)).from(0.0).steps(3).run(0.9), 2.0);
        assertClose(0.8, t.doubleColumn("ratio").get(2), 1e-12, "ratio");
        assertEquals("ZIG_ZAG", t.stringColumn("step_was").get(1));
    }

    @Test
    void lessonsRejectNonPositiveToleranceAndBadKappa() {
        var run = GradientDescent.on(Quadratic.shifted(2.0)).from(0.0).steps(3).run(0.1);
        assertThrows(IllegalArgumentException.class, () -> Lessons.stepsToTolerance(run, 0.0, 2.0));
        assertThrows(IllegalArgumentException.class, () -> Lessons.conditioning(1e-6, 0.5));
    }

    @Test
    void scheduledTrainingRejectsBadSettings() {
        var split = Datasets.diabetes().split(0.8, 0).standardize();
        var model = LinearRegression.of(split.train());
        assertThrows(IllegalArgumentException.class, () -> ScheduledTraining.of(null, split.validation()));
        var race = ScheduledTraining.of(model, split.validation());
        assertThrows(IllegalArgumentException.class, () -> race.lr(-0.1));
        assertThrows(IllegalArgumentException.class, () -> race.epochs(0));
        assertThrows(IllegalArgumentException.class, () -> race.batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> race.compare(Map.of()));
    }

    @Test
    void lrDoctorRejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> LrDoctor.diagnose(null));
        assertThrows(IllegalArgumentException.class, () -> LrDoctor.treat(lr -> null, -1, 3));
        assertThrows(IllegalArgumentException.class, () -> LrDoctor.treat(lr -> null, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> LrDoctor.curves(lr -> null));
    }
}
