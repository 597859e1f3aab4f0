package lrlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParamGroupsTest {

    @Test
    void standInHoldsOneLrPerGroupAndMomentumStartsAtZero() {
        ParamGroups p = ParamGroups.of(0.1, 0.01);
        assertEquals(2, p.groupCount());
        assertEquals(0.1, p.lr(0));
        assertEquals(0.01, p.lr(1));
        assertEquals(0.0, p.momentum(1));
        assertTrue(p.hasMomentum());
    }

    @Test
    void setLrAndSetMomentumWriteOneGroupAndAcceptAnyValueLikeTorch() {
        ParamGroups p = ParamGroups.of(0.1, 0.2);
        p.setLr(1, -0.5);
        p.setMomentum(0, 0.9);
        assertEquals(0.1, p.lr(0));
        assertEquals(-0.5, p.lr(1));
        assertEquals(0.9, p.momentum(0));
        p.setLr(0.3);
        assertEquals(0.3, p.lr(0));
        assertEquals(0.3, p.lr(1));
    }

    @Test
    void stepChangesNoParameterAndOnlyCountsUntilReset() {
        ParamGroups p = ParamGroups.single(0.1, 0.9);
        double[] x = {1.0, 2.0};
        p.step(x, new double[] {5.0, 5.0});
        p.step(x, new double[] {5.0, 5.0});
        assertArrayEquals(new double[] {1.0, 2.0}, x);
        assertEquals(2, p.stepCount());
        p.reset();
        assertEquals(0, p.stepCount());
        assertEquals(0.1, p.lr(0));
        assertEquals(0.9, p.momentum(0));
    }

    @Test
    void withoutMomentumRefusesMomentumReadsAndWrites() {
        ParamGroups p = ParamGroups.withoutMomentum(0.1);
        assertFalse(p.hasMomentum());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.momentum(0));
        assertEquals("ParamGroups has no momentum or beta1 to read or set", e.getMessage());
        assertThrows(IllegalStateException.class, () -> p.setMomentum(0, 0.9));
    }

    @Test
    void groupIndexOutsideRangeIsRejected() {
        ParamGroups p = ParamGroups.of(0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.lr(1));
        assertEquals("group must be in [0, 1), got 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.setLr(-1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> p.momentum(3));
    }

    @Test
    void noGroupsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ParamGroups::of);
        assertTrue(e.getMessage().startsWith("need >= 1 group"), e.getMessage());
    }

    @Test
    void realOptimizersNarrowTheValuesSchedulersMaySet() {
        Sgd sgd = Optimizers.sgd(0.1).momentum(0.9).build();
        assertThrows(IllegalArgumentException.class, () -> sgd.setLr(0, -0.1));
        assertThrows(IllegalArgumentException.class, () -> sgd.setMomentum(0, -0.1));
        Adagrad adagrad = Optimizers.adagrad().build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> adagrad.momentum(0));
        assertEquals("Adagrad has no momentum or beta1 to read or set", e.getMessage());
    }

    @Test
    void configBuildsFreshOptimizersAndPrintsItself() {
        Sgd.Config c = Optimizers.sgd(0.1).weightDecay(1e-4).momentum(0.9).config();
        Sgd a = c.build();
        Sgd b = c.build(3);
        assertEquals(-1, a.dimension());
        assertEquals(3, b.dimension());
        assertEquals(c, a.config());
        assertEquals(c.toString(), b.toString());
        assertEquals(1e-4, c.weightDecay());
    }
}
