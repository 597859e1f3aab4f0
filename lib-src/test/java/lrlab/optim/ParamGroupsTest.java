package lrlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParamGroupsTest {

    @Test
    void holdsOneLrAndOneMomentumPerGroup() {
        ParamGroups p = ParamGroups.of(0.9, 0.1, 0.01);
        assertEquals(2, p.groupCount());
        assertEquals(0.1, p.lr(0));
        assertEquals(0.01, p.lr(1));
        assertEquals(0.9, p.momentum(1));
    }

    @Test
    void setLrAndSetMomentumWriteOneGroupAndAcceptAnyValueLikeTorch() {
        ParamGroups p = new ParamGroups(new double[] {0.1, 0.2}, new double[2]);
        p.setLr(1, -0.5);
        p.setMomentum(0, 0.9);
        assertEquals(0.1, p.lr(0));
        assertEquals(-0.5, p.lr(1));
        assertEquals(0.9, p.momentum(0));
        assertEquals(0.0, p.momentum(1));
    }

    @Test
    void theHolderCopiesItsArrays() {
        double[] lrs = {0.1};
        ParamGroups p = new ParamGroups(lrs, new double[1]);
        lrs[0] = 5;
        assertEquals(0.1, p.lr(0));
    }

    @Test
    void anOptimizersParamGroupsAreTheRatesItSteps() {
        Sgd sgd = Optimizers.sgd(0.1).momentum(0.9).group(0, 1).group(1, 2, 0.01).build();
        assertEquals(2, sgd.paramGroups().groupCount());
        sgd.setLr(1, 0.5);
        assertEquals(0.5, sgd.paramGroups().lr(1));
        double[] x = {1.0, 1.0};
        sgd.step(x, new double[] {1.0, 1.0});
        assertArrayEquals(new double[] {0.9, 0.5}, x, 1e-15);
    }

    @Test
    void groupIndexOutsideRangeIsRejected() {
        ParamGroups p = ParamGroups.of(0.0, 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.lr(1));
        assertEquals("group must be in [0, 1), got 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.setLr(-1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> p.momentum(3));
    }

    @Test
    void noGroupsOrMismatchedMomentaAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ParamGroups.of(0.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ParamGroups(new double[] {0.1, 0.2}, new double[1]));
        assertEquals("momenta must have length 2 (one momentum per group), got 1", e.getMessage());
    }

    @Test
    void groupsAreCheckedOnceWhenTheConfigIsMade() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.sgd(0.1).group(0, 2).group(3, 4).config());
        assertEquals("groups must tile the parameters in order from index 0: group 1 starts at fromIndex 3, expected 2",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.sgd(0.1).group(2, 2).config());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.sgd(0.1).group(0, 2, -1).config());
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
