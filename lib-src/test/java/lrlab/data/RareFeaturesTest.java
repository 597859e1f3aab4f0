package lrlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.testutil.Tol;
import org.junit.jupiter.api.Test;

class RareFeaturesTest {

    private static final RareFeatures SPARSE = RareFeatures.generate(20_000, 2, 3, 0.5, 0.02, 2.0, 0);

    @Test
    void featuresAreOnAtTheirFrequencies() {
        Dataset d = SPARSE.data();
        for (int j = 0; j < d.features(); j++) {
            double on = 0;
            for (int i = 0; i < d.rows(); i++) {
                on += d.x(i, j);
            }
            double f = SPARSE.frequencies()[j];
            Tol.assertClose(f, on / d.rows(), 0, 4 * Math.sqrt(f * (1 - f) / d.rows()), "frequency of " + j);
        }
    }

    @Test
    void labelsFollowTheLogisticModelOfTheTrueWeights() {
        // rows with only common_0 on (w* = +2) are positive with probability σ(2) = 0.881
        Dataset d = SPARSE.data();
        int rows = 0;
        int positive = 0;
        for (int i = 0; i < d.rows(); i++) {
            if (d.x(i, 0) == 1 && d.x(i, 1) == 0 && d.x(i, 2) == 0 && d.x(i, 3) == 0 && d.x(i, 4) == 0) {
                rows++;
                positive += d.labels()[i];
            }
        }
        double p = 1 / (1 + Math.exp(-2));
        Tol.assertClose(p, (double) positive / rows, 0, 4 * Math.sqrt(p * (1 - p) / rows), "P(y = 1)");
    }

    @Test
    void weightsAlternateInSignAndNamesSayWhichAreRare() {
        assertArrayEquals(new double[] {2, -2, 2, -2, 2}, SPARSE.trueWeights());
        assertEquals("rare_0", SPARSE.data().featureNames()[2]);
        assertFalse(SPARSE.isRare(1));
        assertTrue(SPARSE.isRare(2));
    }

    @Test
    void theRecordCannotBeChangedThroughItsArrays() {
        SPARSE.trueWeights()[0] = 99;
        assertEquals(2.0, SPARSE.trueWeights()[0]);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RareFeatures.generate(1, 2, 3, 0.5, 0.02, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> RareFeatures.generate(10, 0, 0, 0.5, 0.02, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> RareFeatures.generate(10, 2, 3, 0, 0.02, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> RareFeatures.generate(10, 2, 3, 0.5, 1.5, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> RareFeatures.generate(10, 2, 3, 0.5, 0.02, -1, 0));
    }
}
