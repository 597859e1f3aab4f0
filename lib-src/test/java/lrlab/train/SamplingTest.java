package lrlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import lrlab.data.Datasets;
import lrlab.model.LinearRegression;
import lrlab.optim.Optimizers;
import org.junit.jupiter.api.Test;

class SamplingTest {

    /** A loss over {@code n} rows that only remembers which rows the last batch held. */
    private static final class RowSpy implements lrlab.objective.BatchObjective {
        final int n;
        int[] seen = new int[0];

        RowSpy(int n) {
            this.n = n;
        }

        @Override public int rows() { return n; }
        @Override public int dimension() { return 1; }
        @Override public double value(double[] x) { return 0; }
        @Override public double valueAndGradient(double[] x, double[] g) { return 0; }

        @Override
        public double valueAndGradient(double[] x, double[] g, int[] rows, int from, int to) {
            seen = Arrays.copyOfRange(rows, from, to);
            g[0] = 0;
            return 0;
        }
    }

    @Test
    void drawingWithReplacementRepeatsRowsWithinAnEpoch() {
        RowSpy spy = new RowSpy(1000);
        BatchLoop.withReplacement(spy, Optimizers.sgd(0.1).build(), 1000, 0).epoch(new double[1], null);
        int[] order = spy.seen;
        assertEquals(1000, order.length);
        assertTrue(Arrays.stream(order).allMatch(i -> i >= 0 && i < 1000));
        long distinct = Arrays.stream(order).distinct().count();
        // about 1000 (1 - 1/e) = 632 distinct rows; a permutation would have all 1000
        assertTrue(distinct > 580 && distinct < 690, "distinct rows " + distinct);
        BatchLoop.shuffled(spy, Optimizers.sgd(0.1).build(), 1000, 0).epoch(new double[1], null);
        assertEquals(1000, Arrays.stream(spy.seen).distinct().count(), "a reshuffled epoch visits every row once");
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
