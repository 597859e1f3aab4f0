package lrlab.find;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.data.Dataset;
import lrlab.data.Datasets;
import lrlab.model.LinearRegression;
import lrlab.model.Mlp;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.testutil.Tol;
import org.junit.jupiter.api.Test;

class LrFinderTest {

    static final Dataset DIABETES = Datasets.diabetes().standardize();

    /** Largest eigenvalue L of the MSE Hessian (2/n)·[X 1]ᵀ[X 1], by power iteration. */
    static double curvature(Dataset ds) {
        int n = ds.rows();
        int d = ds.features();
        double[] v = new double[d + 1];
        java.util.Arrays.fill(v, 1.0);
        double lambda = 0;
        for (int it = 0; it < 500; it++) {
            double[] w = new double[d + 1];
            for (int i = 0; i < n; i++) {
                double z = v[d];
                for (int j = 0; j < d; j++) {
                    z += ds.x(i, j) * v[j];
                }
                for (int j = 0; j < d; j++) {
                    w[j] += 2.0 / n * ds.x(i, j) * z;
                }
                w[d] += 2.0 / n * z;
            }
            double norm = 0;
            for (double x : w) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            lambda = norm;
            for (int j = 0; j <= d; j++) {
                v[j] = w[j] / norm;
            }
        }
        return lambda;
    }

    @Test
    void rampIsExponentialFromStartToEnd() {
        LrFinder f = LrFinder.of(LinearRegression.of(DIABETES), Optimizers.sgd(0.1).build()).range(1e-6, 1).iterations(7);
        Tol.assertClose(1e-6, f.rateAt(0), 1e-12, 0, "first rate");
        Tol.assertClose(1e-5, f.rateAt(1), 1e-12, 0, "ratio (end/start)^(1/(N−1))");
        Tol.assertClose(1.0, f.rateAt(6), 1e-12, 0, "last rate");
    }

    @Test
    void smoothedLossIsTheDebiasedExponentialAverage() {
        LrFinderResult r = LrFinder.of(LinearRegression.of(DIABETES), Optimizers.sgd(0.1).build())
                .range(1e-6, 1e-5).iterations(10).divergeFactor(Double.POSITIVE_INFINITY).run(new double[11]);
        double[] raw = r.losses();
        double[] s = r.smoothedLosses();
        Tol.assertClose(raw[0], s[0], 1e-12, 0, "first smoothed value equals the first loss");
        double m = 0.02 * raw[0] * 0.98 + 0.02 * raw[1];
        Tol.assertClose(m / (1 - 0.98 * 0.98), s[1], 1e-12, 0, "second smoothed value");
    }

    @Test
    void stopsEarlyOnDivergenceAndSuggestsStableRates() {
        Model model = LinearRegression.of(DIABETES);
        double limit = 2 / curvature(DIABETES); // full-batch GD diverges above 2/L
        LrFinderResult r = LrFinder.of(model, Optimizers.sgd(0.1).build()).range(1e-5, 100).iterations(100)
                .batchSize(DIABETES.rows()).run(model.initialParams(0));
        assertTrue(r.stoppedEarly(), "a ramp to 100 must diverge");
        assertTrue(r.iterations() < 100);
        for (double lr : new double[] {r.steepest(), r.valley(), r.minimumOverTen()}) {
            assertTrue(lr < limit && lr > limit / 1000, "suggestion " + lr + " vs stability limit " + limit);
        }
        assertEquals(3, r.suggestions().rowCount());
        assertEquals(r.iterations(), r.table().rowCount());
    }

    @Test
    void restoresParametersAndOptimizerRate() {
        Model model = Mlp.of(Datasets.digits().standardize(), 16);
        double[] p = model.initialParams(1);
        double[] before = p.clone();
        Optimizer sgd = Optimizers.sgd(0.03).momentum(0.9).build();
        sgd.step(new double[p.length], new double[p.length]);
        LrFinderResult r = LrFinder.of(model, sgd).run(p);
        assertArrayEquals(before, p);
        assertEquals(0.03, sgd.lr());
        assertEquals(0.9, sgd.momentum(0));
        assertEquals(0, sgd.stepCount(), "optimizer reset as fresh");
        assertTrue(r.iterations() > 10);
    }

    @Test
    void suggestionsFollowFastaiOnAKnownCurve() {
        // 20 points, lr = 10^(i/4 − 4); smoothed: flat 5, falling 5 → 1 over i = 4..12, rising after
        int n = 20;
        double[] lr = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            lr[i] = Math.pow(10, i / 4.0 - 4);
            s[i] = i < 4 ? 5 - 0.01 * i : i <= 12 ? 5 - 0.5 * (i - 4) : 1 + (i - 12) * (i - 12);
        }
        s[8] = 2.9; // steepest drop between i = 7 (3.5) and 8 → argmin of the slope is i = 7
        LrFinderResult r = new LrFinderResult(lr, s.clone(), s, false, n, 32, 1000);
        // trimmed range: from n/10 = 2 to n − 5 = 15
        assertEquals(lr[7], r.steepest());
        assertEquals(lr[12] / 10, r.minimumOverTen());
        // longest decreasing subsequence in s[2..15): 2, 3, 5..12 (s[4] = 5 breaks it), lds = 10 ending at
        // local index 10: maxStart = 10 − 10 = 0, sections = 10/3, idx = 0 + 3 + 1 = 4 → lr[2 + 4]
        assertEquals(lr[6], r.valley());
    }

    @Test
    void costCountsFullBatchesInEpochsOfTheTrainingRows() {
        // diabetes has 442 rows: 50 iterations of 32 rows see 1,600 rows, 3.62 epochs
        LrFinderResult r = LrFinder.of(LinearRegression.of(DIABETES), Optimizers.sgd(0.1).build())
                .range(1e-6, 1e-5).iterations(50).run(new double[11]);
        assertEquals(50, r.iterations());
        assertEquals(32, r.batchSize());
        assertEquals(1600, r.examplesSeen());
        Tol.assertClose(1600.0 / 442, r.epochs(), 1e-12, "epochs = iterations · batch / rows");
    }

    @Test
    void aBatchLargerThanTheDataCostsOneEpochPerIteration() {
        LrFinderResult r = LrFinder.of(LinearRegression.of(DIABETES), Optimizers.sgd(0.1).build())
                .range(1e-6, 1e-5).iterations(4).batchSize(1000).run(new double[11]);
        assertEquals(442, r.batchSize());
        Tol.assertClose(4.0, r.epochs(), 1e-12, "four full-batch iterations");
    }

    @Test
    void listenerSeesEveryIteration() {
        int[] calls = {0};
        LrFinderResult r = LrFinder.of(LinearRegression.of(DIABETES), Optimizers.sgd(0.1).build())
                .range(1e-4, 1e-2).iterations(20).listener((i, lr, loss, s) -> calls[0]++).run(new double[11]);
        assertEquals(r.iterations(), calls[0]);
    }

    @Test
    void badArgumentsAreRejected() {
        Model m = LinearRegression.of(DIABETES);
        Optimizer sgd = Optimizers.sgd(0.1).build();
        assertThrows(IllegalArgumentException.class, () -> LrFinder.of(m, sgd).range(0, 1));
        assertThrows(IllegalArgumentException.class, () -> LrFinder.of(m, sgd).range(1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> LrFinder.of(m, sgd).iterations(1));
        assertThrows(IllegalArgumentException.class, () -> LrFinder.of(m, sgd).beta(1));
        assertThrows(IllegalArgumentException.class, () -> LrFinder.of(m, sgd).divergeFactor(1));
        assertThrows(IllegalArgumentException.class, () -> LrFinder.of(m, sgd).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> LrFinder.of(m, sgd).run(new double[2]));
        assertThrows(IllegalArgumentException.class, () -> LrFinder.of(null, sgd));
        assertFalse(LrFinder.of(m, sgd).range(1e-3, 1e-2).iterations(30).run(new double[11]).stoppedEarly());
    }
}
