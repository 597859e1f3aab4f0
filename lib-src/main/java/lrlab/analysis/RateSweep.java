package lrlab.analysis;

import java.util.Arrays;
import lrlab.objective.Regime;
import lrlab.util.Check;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Plain gradient descent on the 1-D quadratic L(w) = a/2 (w − w*)² for many learning rates at
 * once: one array of rates, one array of iterates, updated in place,
 * <pre>  g_i = a·(w_i − w*);   w_i ← w_i − η_i·g_i</pre>
 * with the steps as the outer loop and the rates as the inner one, so the JIT vectorises the inner
 * loop and no step allocates. Each rate's arithmetic is exactly the scalar loop's, so the result is
 * bit-for-bit the one a plain {@code for} loop gives for that rate. Rates are processed in blocks
 * that fit the L1 cache.
 *
 * <pre>{@code
 * var sweep = RateSweep.onQuadratic(2.0, 3.0).from(7.0).steps(15);   // (w - 3)^2
 * var result = sweep.run(RateSweep.linspace(0.05, 1.2, 24));
 * result.table();     // lr, lr_times_a, regime, final_w, final_loss, diverged
 * }</pre>
 */
public final class RateSweep {
    /** Rates per block: 2 arrays × 512 doubles = 8 KiB, well inside L1. */
    static final int BLOCK = 512;

    private final double a;
    private final double minimizer;
    private final double w0;
    private final int steps;
    private final boolean recordLoss;

    private RateSweep(double a, double minimizer, double w0, int steps, boolean recordLoss) {
        this.a = a;
        this.minimizer = minimizer;
        this.w0 = w0;
        this.steps = steps;
        this.recordLoss = recordLoss;
    }

    /**
     * A sweep on a/2 (w − w*)², starting at w0 = w* + 1 for 100 steps, without loss history.
     *
     * @param a the curvature a, finite and &gt; 0
     * @param minimizer the minimiser w*, finite
     * @return a new sweep on that quadratic, to configure and run
     * @throws IllegalArgumentException if a is not finite and &gt; 0, or w* is not finite
     */
    public static RateSweep onQuadratic(double a, double minimizer) {
        Check.positive("a", a);
        Check.finite("minimizer", minimizer);
        return new RateSweep(a, minimizer, minimizer + 1, 100, false);
    }

    /**
     * A copy starting at w0.
     *
     * @param w0 the start w_0, finite
     * @return a copy starting at w0
     */
    public RateSweep from(double w0) {
        return new RateSweep(a, minimizer, Check.finite("w0", w0), steps, recordLoss);
    }

    /**
     * A copy running this many steps (≥ 0).
     *
     * @param steps the number of steps
     * @return a copy with that many steps
     */
    public RateSweep steps(int steps) {
        return new RateSweep(a, minimizer, w0, Check.nonNegative("steps", steps), recordLoss);
    }

    /**
     * A copy that also keeps the loss at every step (steps + 1 values per rate).
     *
     * @param record whether to keep the loss history
     * @return a copy that records (or not) the loss history
     */
    public RateSweep recordLoss(boolean record) {
        return new RateSweep(a, minimizer, w0, steps, record);
    }

    /**
     * Runs the sweep.
     *
     * @param rates learning rates, each finite and &gt; 0 (not modified)
     * @return the final iterate and loss per rate (and the loss history when recorded)
     * @throws IllegalArgumentException if rates is empty or holds a rate that is not finite and &gt; 0
     */
    public Result run(double... rates) {
        Check.that(rates != null && rates.length != 0, () -> "rates must hold at least one learning rate, got 0");
        for (int i = 0; i < rates.length; i++) Check.positive("rates[" + i + "]", rates[i]);
        double[] r = rates.clone();
        double[] w = new double[r.length];
        Arrays.fill(w, w0);
        double[] loss = null;
        if (recordLoss) {
            long cells = (long) (steps + 1) * r.length;
            Check.that(cells <= Integer.MAX_VALUE - 8, () -> "(steps + 1) * rates must fit in one array when recording the loss, got "
                    + cells);
            loss = new double[(int) cells];
            runRecording(r, w, a, minimizer, steps, loss);
        } else {
            run(r, w, a, minimizer, steps);
        }
        return new Result(this, r, w, loss);
    }

    /**
     * The kernel: {@code steps} steps of w_i ← w_i − η_i·(a·(w_i − w*)) for every i, in place.
     * Allocates nothing; a diverging rate runs on to ±∞ or NaN without affecting the others.
     *
     * @param rates learning rates (not modified)
     * @param w iterates, same length as rates (modified)
     * @param a the curvature a, finite and &gt; 0
     * @param minimizer the minimiser w*, finite
     * @param steps the number of steps
     */
    public static void run(double[] rates, double[] w, double a, double minimizer, int steps) {
        int n = Math.min(rates.length, w.length);
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            for (int t = 0; t < steps; t++) {
                for (int i = from; i < to; i++) {
                    double g = a * (w[i] - minimizer);
                    w[i] = w[i] - rates[i] * g;
                }
            }
        }
    }

    /**
     * The kernel, also writing the loss a/2·(w_i − w*)² before every step and after the last into
     * {@code loss[t·n + i]} (t = 0..steps).
     *
     * @param loss output of length (steps + 1)·n (modified)
     * @param rates the learning rates, each finite and &gt; 0
     * @param w the iterates, one per rate (modified)
     * @param a the curvature a, finite and &gt; 0
     * @param minimizer the minimiser w*, finite
     * @param steps the number of steps
     */
    public static void runRecording(double[] rates, double[] w, double a, double minimizer, int steps, double[] loss) {
        int n = Math.min(rates.length, w.length);
        double halfA = 0.5 * a;
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            for (int t = 0; t < steps; t++) {
                int row = t * n;
                for (int i = from; i < to; i++) {
                    double e = w[i] - minimizer;
                    loss[row + i] = halfA * (e * e);
                    double g = a * e;
                    w[i] = w[i] - rates[i] * g;
                }
            }
            int row = steps * n;
            for (int i = from; i < to; i++) {
                double e = w[i] - minimizer;
                loss[row + i] = halfA * (e * e);
            }
        }
    }

    /**
     * n learning rates evenly spaced from lo to hi inclusive: lo + (hi − lo)·i/(n − 1), the last one
     * exactly hi. With {@link #logspace} the library's one place for rate grids.
     *
     * @param lo the first rate, finite and &gt; 0
     * @param hi the last rate, finite and ≥ lo
     * @param n the number of rates, ≥ 1
     * @return the rates, ascending
     */
    public static double[] linspace(double lo, double hi, int n) {
        checkRange(lo, hi, n);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = n == 1 ? lo : lo + (hi - lo) * i / (n - 1);
        if (n > 1) r[n - 1] = hi;
        return r;
    }

    /**
     * n learning rates evenly spaced in log scale from lo to hi inclusive, as numpy's {@code logspace}:
     * 10^(log10 lo + (log10 hi − log10 lo)·i/(n − 1)), so the powers of ten of a decade grid come out
     * exact (0.001, not 0.0010000000000000002), the first exactly lo and the last exactly hi. The grid
     * search and the learning-rate finder use it too.
     *
     * @param lo the first rate, finite and &gt; 0
     * @param hi the last rate, finite and ≥ lo
     * @param n the number of rates, ≥ 1
     * @return the rates, ascending
     */
    public static double[] logspace(double lo, double hi, int n) {
        checkRange(lo, hi, n);
        double[] r = new double[n];
        double l0 = Math.log10(lo);
        double l1 = Math.log10(hi);
        for (int i = 1; i < n - 1; i++) r[i] = Math.pow(10, l0 + (l1 - l0) * i / (n - 1));
        r[0] = lo;
        if (n > 1) r[n - 1] = hi;
        return r;
    }

    private static void checkRange(double lo, double hi, int n) {
        Check.positive("lo", lo);
        Check.positive("hi", hi);
        Check.that(lo <= hi, () -> "hi must be >= lo = " + Check.fmt(lo) + ", got " + Check.fmt(hi));
        Check.atLeast("n", n, 1);
    }

    /** The outcome of a sweep: final iterate and loss per rate, and the loss history when recorded. */
    public static final class Result {
        private final RateSweep sweep;
        private final double[] rates;
        private final double[] w;
        private final double[] loss;

        Result(RateSweep sweep, double[] rates, double[] w, double[] loss) {
            this.sweep = sweep;
            this.rates = rates;
            this.w = w;
            this.loss = loss;
        }

        /** @return number of rates */
        public int size() {
            return rates.length;
        }

        /** @return the learning rates (a copy) */
        public double[] rates() {
            return rates.clone();
        }

        /** @return the final iterate per rate (a copy); ±∞ or NaN where the run diverged */
        public double[] finalW() {
            return w.clone();
        }

        /** @return a/2 (w − w*)² at the final iterate, per rate */
        public double[] finalLoss() {
            double[] l = new double[w.length];
            for (int i = 0; i < l.length; i++) {
                double e = w[i] - sweep.minimizer;
                l[i] = 0.5 * sweep.a * (e * e);
            }
            return l;
        }

        /**
         * True where the final iterate is not finite or |w − w*| grew past the start distance × 1e6.
         *
         * @param i the rate's index
         * @return true where the final iterate is not finite or |w − w*| grew past the start distance × 1e6
         */
        public boolean diverged(int i) {
            double e = Math.abs(w[i] - sweep.minimizer);
            return !Double.isFinite(w[i]) || e > 1e6 * Math.max(1.0, Math.abs(sweep.w0 - sweep.minimizer));
        }

        /** @return true when the loss history was recorded */
        public boolean hasLossHistory() {
            return loss != null;
        }

        /**
         * The loss before step t+1 (t = 0..steps; t = steps is after the last step) for rate i.
         *
         * @param t the step, 0 ≤ t ≤ steps
         * @param i the rate's index
         * @return the loss before step t+1 (t = 0..steps; t = steps is after the last step) for rate i
         * @throws IllegalStateException if the sweep did not record the loss
         * @throws IllegalArgumentException if t or i is out of range (the message names which)
         */
        public double loss(int t, int i) {
            if (loss == null) throw new IllegalStateException("loss history not recorded: use recordLoss(true)");
            Check.index("t", t, sweep.steps + 1);   // t = steps is the loss after the last step
            Check.index("i", i, rates.length);
            return loss[t * rates.length + i];
        }

        /** @return one row per rate: lr, lr_times_a, regime, final_w, final_loss, diverged */
        public Table table() {
            int n = rates.length;
            double[] la = new double[n];
            String[] regime = new String[n];
            boolean[] div = new boolean[n];
            for (int i = 0; i < n; i++) {
                la[i] = rates[i] * sweep.a;
                regime[i] = Regime.of(rates[i], sweep.a).name();
                div[i] = diverged(i);
            }
            BooleanColumn d = BooleanColumn.create("diverged", n);
            for (int i = 0; i < n; i++) d.set(i, div[i]);
            return Table.create("rate sweep",
                    DoubleColumn.create("lr", rates.clone()),
                    DoubleColumn.create("lr_times_a", la),
                    StringColumn.create("regime", regime),
                    DoubleColumn.create("final_w", w.clone()),
                    DoubleColumn.create("final_loss", finalLoss()),
                    d);
        }

        /**
         * The loss history in long format: one row per rate × step, columns run ("lr=…"), lr, step,
         * loss. A diverged rate's rows stop before its first non-finite loss.
         *
         * @return the loss history in long format: one row per rate × step, columns run ("lr=…"), lr, step, loss
         * @throws IllegalStateException if the sweep did not record the loss
         */
        public Table lossTable() {
            if (loss == null) throw new IllegalStateException("loss history not recorded: use recordLoss(true)");
            int n = rates.length;
            StringColumn run = StringColumn.create("run");
            DoubleColumn lr = DoubleColumn.create("lr");
            IntColumn step = IntColumn.create("step");
            DoubleColumn l = DoubleColumn.create("loss");
            for (int i = 0; i < n; i++) {
                String name = "lr=" + rates[i];
                for (int t = 0; t <= sweep.steps; t++) {
                    double v = loss[t * n + i];
                    if (!Double.isFinite(v)) break;
                    run.append(name);
                    lr.append(rates[i]);
                    step.append(t);
                    l.append(v);
                }
            }
            return Table.create("rate sweep loss", run, lr, step, l);
        }
    }
}
