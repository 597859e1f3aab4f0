package lrlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.objective.Quadratic;
import lrlab.testutil.Tol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class GradientDescentTest {

    private final GradientDescent gd = GradientDescent.on(Quadratic.of(4, 1.5)).from(-2).steps(20);

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.1, 0.25, 0.45})
    void iteratesFollowTheContractionFactor(double lr) {
        Trajectory run = gd.run(lr);
        for (int t = 0; t <= 20; t++) {
            Tol.assertClose(Math.pow(1 - 4 * lr, t) * (-3.5), run.w(t) - 1.5, 1e-12, 1e-14, "t=" + t);
        }
    }

    @Test
    void aDivergingRunStopsAtTheBoundAndIsFlagged() {
        Trajectory run = GradientDescent.on(Quadratic.of(4, 1.5)).from(-2).steps(100).run(0.6);
        assertTrue(run.diverged());
        assertTrue(run.steps() < 100);
        assertTrue(Math.abs(run.w(run.steps())) > 1e6);
        assertTrue(Math.abs(run.w(run.steps() - 1)) <= 1e6);
    }

    @Test
    void theSweepTableIsLongWithOneRowPerRunAndStep() {
        Table t = gd.sweep(0.1, 0.2).table();
        assertEquals(42, t.rowCount());
        assertEquals(java.util.List.of("run", "lr", "step", "w", "loss", "step_size"), t.columnNames());
        assertFalse(gd.run(0.1).diverged());
    }

    @Test
    void badArgumentsNameTheProblem() {
        assertThrows(IllegalArgumentException.class, () -> gd.run(-0.1));
        assertThrows(IllegalArgumentException.class, () -> gd.run(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> gd.steps(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gd.from(1, 2));
        assertTrue(e.getMessage().contains("dimension 1"), e.getMessage());
    }
}
