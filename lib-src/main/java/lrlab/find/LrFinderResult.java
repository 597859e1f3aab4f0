package lrlab.find;

import java.util.Arrays;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The curve of an {@link LrFinder} run and fastai's three suggestions, computed (as fastai's
 * {@code lr_find}) on the smoothed losses with the first N/10 and the last 5 points trimmed off (their
 * start is noisy and their end diverging); if fewer than 3 points remain, on the whole curve.
 */
public final class LrFinderResult {

    private final double[] lrs;
    private final double[] losses;
    private final double[] smoothed;
    private final boolean stoppedEarly;
    private final int from;
    private final int to;
    private final int batchSize;
    private final int rows;

    LrFinderResult(double[] lrs, double[] losses, double[] smoothed, boolean stoppedEarly, int plannedIterations,
                   int batchSize, int rows) {
        this.batchSize = batchSize;
        this.rows = rows;
        this.lrs = lrs;
        this.losses = losses;
        this.smoothed = smoothed;
        this.stoppedEarly = stoppedEarly;
        int a = plannedIterations / 10;
        int b = lrs.length - 5;
        if (b - a < 3) {
            a = 0;
            b = lrs.length;
        }
        this.from = a;
        this.to = b;
    }

    /** @return whether the run stopped before the end rate because the smoothed loss exceeded k · best (or was not finite) */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** @return iterations run */
    public int iterations() {
        return lrs.length;
    }

    /** @return rows per batch of every iteration (the finder draws full batches only) */
    public int batchSize() {
        return batchSize;
    }

    /** @return training rows seen by the test: iterations · batch size (a gradient is computed at every one) */
    public long examplesSeen() {
        return (long) lrs.length * batchSize;
    }

    /**
     * The cost of the test in epochs: examples seen / training rows, e.g. 100 iterations of 32 rows on
     * 1,438 rows are 2.2 epochs.
     *
     * @return the cost of the test in epochs: examples seen / training rows, e.g. 100 iterations of 32 rows on 1,438 rows are 2.2 epochs
     */
    public double epochs() {
        return (double) examplesSeen() / rows;
    }

    /** @return rates tried, a copy */
    public double[] lrs() {
        return lrs.clone();
    }

    /** @return raw batch losses, a copy */
    public double[] losses() {
        return losses.clone();
    }

    /** @return smoothed, bias-corrected losses, a copy */
    public double[] smoothedLosses() {
        return smoothed.clone();
    }

    /** @return the curve as a table (lr, loss, smoothed), one row per iteration */
    public Table table() {
        return Table.create("lr finder").addColumns(
                DoubleColumn.create("lr", lrs.clone()),
                DoubleColumn.create("loss", losses.clone()),
                DoubleColumn.create("smoothed", smoothed.clone()));
    }

    private void needPoints() {
        if (to - from < 2) {
            throw new IllegalStateException("the finder ran only " + lrs.length
                    + " iterations: too few for a suggestion (widen the range or lower the start rate)");
        }
    }

    /**
     * fastai's {@code steep}: the rate where the smoothed loss falls fastest in log lr,
     * argmin_i (s_{i+1} − s_i)/(ln lr_{i+1} − ln lr_i), reported at lr_i.
     *
     * @return fastai's {@code steep}: the rate where the smoothed loss falls fastest in log lr, argmin_i (s_{i+1} − s_i)/(ln lr_{i+1} − ln lr_i), reported at lr_i
     */
    public double steepest() {
        needPoints();
        int best = from;
        double bestSlope = Double.POSITIVE_INFINITY;
        for (int i = from; i < to - 1; i++) {
            double slope = (smoothed[i + 1] - smoothed[i]) / (Math.log(lrs[i + 1]) - Math.log(lrs[i]));
            if (slope < bestSlope) {
                bestSlope = slope;
                best = i;
            }
        }
        return lrs[best];
    }

    /** @return fastai's {@code minimum}: the rate at the smallest smoothed loss, divided by 10 */
    public double minimumOverTen() {
        needPoints();
        int best = from;
        for (int i = from; i < to; i++) {
            if (smoothed[i] < smoothed[best]) {
                best = i;
            }
        }
        return lrs[best] / 10;
    }

    /**
     * fastai's {@code valley}: the longest strictly decreasing subsequence of the smoothed losses (O(n²)
     * dynamic programme), then the point about 2/3 of the way along it:
     * index = start + ⌊len/3⌋ + ⌊len/6⌋ with len = end − start.
     *
     * @return fastai's {@code valley}: the longest strictly decreasing subsequence of the smoothed losses (O(n²) dynamic programme), then the point about 2/3 of the way along it: index = start + ⌊len/3⌋ + ⌊len/6⌋ with len = end − start
     */
    public double valley() {
        needPoints();
        int n = to - from;
        int[] lds = new int[n];
        Arrays.fill(lds, 1);
        int maxStart = 0;
        int maxEnd = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (smoothed[from + i] < smoothed[from + j] && lds[i] < lds[j] + 1) {
                    lds[i] = lds[j] + 1;
                }
                if (lds[maxEnd] < lds[i]) {
                    maxEnd = i;
                    maxStart = maxEnd - lds[maxEnd];
                }
            }
        }
        double sections = (maxEnd - maxStart) / 3.0;
        int idx = maxStart + (int) sections + (int) (sections / 2);
        idx = Math.max(0, Math.min(n - 1, idx));
        return lrs[from + idx];
    }

    /** @return the three suggestions as a table (suggestion, lr, smoothed loss at that rate) for marking on the chart */
    public Table suggestions() {
        String[] names = {"steepest", "minimum/10", "valley"};
        double[] rates = {steepest(), minimumOverTen(), valley()};
        double[] at = new double[3];
        for (int s = 0; s < 3; s++) {
            at[s] = smoothedAt(rates[s]);
        }
        return Table.create("suggestions").addColumns(
                StringColumn.create("suggestion", names),
                DoubleColumn.create("lr", rates),
                DoubleColumn.create("smoothed", at));
    }

    /** Smoothed loss at the tried rate nearest to {@code lr} in log scale. */
    private double smoothedAt(double lr) {
        int best = 0;
        for (int i = 1; i < lrs.length; i++) {
            if (Math.abs(Math.log(lrs[i] / lr)) < Math.abs(Math.log(lrs[best] / lr))) {
                best = i;
            }
        }
        return smoothed[best];
    }
}
