package lrlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.objective.Quadratic;
import lrlab.tune.GridSearch;
import lrlab.tune.SuccessiveHalving;
import org.junit.jupiter.api.Test;

/** The call sites in trace and tune use lrlab.util.Check and the one default divergence bound. */
class SharedChecksTest {

    @Test
    void gradientDescentStopsAtTheDefaultBound() {
        // (w - 3)^2 at lr 1.5: w - 3 is multiplied by -2 each step, so |w| passes 1e6 after about 20 steps
        Trajectory t = GradientDescent.on(Quadratic.shifted(3)).from(7).steps(1000).run(1.5);
        assertTrue(t.diverged());
        assertTrue(Math.abs(t.w(t.steps())) > GradientDescent.DEFAULT_BOUND);
        assertFalse(Math.abs(t.w(t.steps() - 1)) > GradientDescent.DEFAULT_BOUND);
    }

    @Test
    void gradientDescentMessagesNameArgumentRangeAndValue() {
        GradientDescent gd = GradientDescent.on(Quadratic.shifted(3));
        assertEquals("lr must be finite and > 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> gd.run(-0.1)).getMessage());
        assertEquals("steps must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> gd.steps(0)).getMessage());
        assertEquals("bound must be > 0 (may be infinite), got 0.0",
                assertThrows(IllegalArgumentException.class, () -> gd.divergenceBound(0)).getMessage());
    }

    @Test
    void tunerMessagesNameArgumentRangeAndValue() {
        assertEquals("hi must be finite and > lo = 0.1, got 0.05",
                assertThrows(IllegalArgumentException.class, () -> GridSearch.logspace(0.1, 0.05, 3)).getMessage());
        assertEquals("count must be >= 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> GridSearch.logspace(0.01, 1, 1)).getMessage());
        assertEquals("every rate must be finite and > 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> GridSearch.of(0.1, -1)).getMessage());
        assertEquals("eta must be >= 2, got 1",
                assertThrows(IllegalArgumentException.class,
                        () -> SuccessiveHalving.logUniform(1e-3, 1).eta(1)).getMessage());
    }
}
