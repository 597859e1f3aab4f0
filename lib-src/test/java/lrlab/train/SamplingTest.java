package lrlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import lrlab.data.Datasets;
import lrlab.model.LinearRegression;
import lrlab.optim.Optimizers;
import org.junit.jupiter.api.Test;

class SamplingTest {

    @Test
    void drawingWithReplacementRepeatsRowsWithinAnEpoch() {
        int[] order = new int[1000];
        Trainer.draw(order, 1000, new SplittableRandom(0));
        assertTrue(Arrays.stream(order).allMatch(i -> i >= 0 && i < 1000));
        long distinct = Arrays.stream(order).distinct().count();
        // about 1000 (1 - 1/e) = 632 distinct rows; a permutation would have all 1000
        assertTrue(distinct > 580 && distinct < 690, "distinct rows " + distinct);
    }

    @Test
    void sampledRunsAreReproducibleAndDifferFromReshuffledOnes() {
        var model = LinearRegression.of(Datasets.linear(200, 3, 1.0, 0));
        Trainer sampled = Trainer.of(model, Optimizers.sgd(0.05).build()).batchSize(16).epochs(3)
                .sampleWithReplacement(true);
        double[] a = sampled.fit().params();
        double[] b = sampled.fit().params();
        assertArrayEquals(a, b);
        double[] c = Trainer.of(model, Optimizers.sgd(0.05).build()).batchSize(16).epochs(3).fit().params();
        assertFalse(Arrays.equals(a, c));
        assertEquals(3 * 13, Trainer.of(model, Optimizers.sgd(0.05).build()).batchSize(16).epochs(3)
                .sampleWithReplacement(true).recordSteps(true).fit().steps().rowCount(), "still 13 batches per epoch");
    }
}
