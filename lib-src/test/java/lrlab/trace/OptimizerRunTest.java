package lrlab.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.objective.Quadratic;
import lrlab.objective.QuadraticForm;
import lrlab.optim.Optimizers;
import org.junit.jupiter.api.Test;

class OptimizerRunTest {

    private final GradientDescent gd = GradientDescent.on(QuadraticForm.of(new double[][] {{3, 1}, {1, 2}}))
            .from(1.0, -2.0).steps(30);

    @Test
    void plainSgdReproducesGradientDescentBitForBit() {
        Trajectory plain = gd.run(0.2);
        Trajectory viaOptimizer = gd.run("sgd", Optimizers.sgd(0.2).build());
        assertArrayEquals(plain.losses(), viaOptimizer.losses());
        assertEquals("sgd", viaOptimizer.label());
        assertEquals(0.2, viaOptimizer.lr());
    }

    @Test
    void aMomentumRunIsLabelledAndStopsWhenItDiverges() {
        Trajectory run = GradientDescent.on(Quadratic.of(1.0, 0.0)).from(1.0).steps(2000)
                .run("too hot", Optimizers.sgd(4.0).momentum(0.9).build());
        assertTrue(run.diverged());
        assertTrue(run.steps() < 2000);
        assertEquals("too hot", run.table().stringColumn("run").get(0));
    }

    @Test
    void runsMadeOneByOneFormOneSet() {
        var set = Trajectories.of(gd.run(0.1), gd.run("m", Optimizers.sgd(0.1).momentum(0.5).build()));
        assertEquals(2, set.size());
        assertEquals(62, set.table().rowCount());
        var e = assertThrows(IllegalArgumentException.class, () -> Trajectories.of());
        assertEquals("runs must name at least one trajectory, got none", e.getMessage());
    }
}
