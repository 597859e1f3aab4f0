package lrlab.find;

import java.util.Arrays;
import java.util.SplittableRandom;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * The learning-rate range test (Smith 2017, "Cyclical Learning Rates for Training Neural Networks"
 * §3.3), with the semantics of fastai's {@code Learner.lr_find} and of pytorch-lr-finder's
 * {@code LRFinder.range_test(step_mode="exp")}: mini-batch training where iteration i uses
 * lr_i = start · (end/start)^{i/(N−1)}, i = 0..N−1 (pytorch-lr-finder's ExponentialLR, which ends exactly at
 * {@code end}; fastai's SchedExp uses i/N and stops one ratio short); the batch loss ℓ_i is recorded before
 * the step.
 *
 * <p>Smoothed loss (fastai's {@code AvgSmoothLoss}): m_i = β m_{i−1} + (1 − β) ℓ_i, m_{−1} = 0,
 * reported debiased as s_i = m_i / (1 − β^{i+1}). The run stops early when s_i &gt; k · min_{j≤i} s_j or
 * ℓ_i is not finite (fastai: {@code smooth_loss > 4*best_loss or isnan}).
 *
 * <p>Defaults and where they come from: start = 1e−7, end = 10, N = 100 iterations, β = 0.98, k = 4
 * (fastai 2.x {@code lr_find(start_lr=1e-7, end_lr=10, num_it=100, stop_div=True)}, {@code Recorder}'s
 * {@code AvgSmoothLoss(beta=0.98)} and {@code LRFinder.after_batch}'s factor 4); batch size 32 as the
 * course's default. pytorch-lr-finder differs: start = the optimizer's rate, smoothing 1 − 0.05 = 0.95
 * without bias correction, divergence factor 5.
 *
 * <p>Batches are drawn from a seeded shuffle of the model's rows, reshuffled when the next full batch does
 * not fit (the partial last batch is skipped, as fastai's training DataLoader with drop_last).
 *
 * <p>Afterwards the parameters are restored to their values before the test, and the optimizer is
 * {@code reset()} (buffers cleared, as a fresh optimizer) with its rates and momenta restored.
 */
public final class LrFinder {

    private final Model model;
    private final Optimizer optimizer;
    private double start = 1e-7;
    private double end = 10;
    private int iterations = 100;
    private double beta = 0.98;
    private double divergeFactor = 4;
    private int batchSize = 32;
    private long seed = 0;
    private Listener listener;

    /** Progress of a finder run, for an updating notebook display (the library never prints). */
    @FunctionalInterface
    public interface Listener {
        /** After iteration i (0-based) with its rate, raw batch loss and smoothed loss. */
        void onIteration(int i, double lr, double loss, double smoothed);
    }

    private LrFinder(Model model, Optimizer optimizer) {
        this.model = model;
        this.optimizer = optimizer;
    }

    /** A range test of {@code model} on its data with {@code optimizer} (its rate is overwritten during the test). */
    public static LrFinder of(Model model, Optimizer optimizer) {
        Check.notNull("model", model);
        Check.notNull("optimizer", optimizer);
        return new LrFinder(model, optimizer);
    }

    /** Start and end rates, 0 &lt; start &lt; end, both finite (default 1e−7 to 10, fastai). */
    public LrFinder range(double start, double end) {
        Check.positiveRange("start", start, "end", end);
        this.start = start;
        this.end = end;
        return this;
    }

    /** Number of iterations N ≥ 2 (default 100, fastai's num_it and pytorch-lr-finder's num_iter). */
    public LrFinder iterations(int iterations) {
        this.iterations = Check.atLeast("iterations", iterations, 2);
        return this;
    }

    /** Smoothing β in [0, 1) (default 0.98, fastai). */
    public LrFinder beta(double beta) {
        this.beta = Check.unitHalfOpen("beta", beta);
        return this;
    }

    /** Early-stop factor k &gt; 1 (default 4, fastai); {@code Double.POSITIVE_INFINITY} never stops early. */
    public LrFinder divergeFactor(double k) {
        this.divergeFactor = Check.greaterThan("divergeFactor", k, 1);
        return this;
    }

    /** Batch size ≥ 1 (default 32). */
    public LrFinder batchSize(int batchSize) {
        this.batchSize = Check.atLeast("batchSize", batchSize, 1);
        return this;
    }

    /** Seed of the batch shuffling (default 0). */
    public LrFinder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Progress callback after every iteration (null for none). */
    public LrFinder listener(Listener listener) {
        this.listener = listener;
        return this;
    }

    /** The rate of iteration i: start · (end/start)^{i/(N−1)}. */
    public double rateAt(int i) {
        return start * Math.pow(end / start, (double) i / (iterations - 1));
    }

    /**
     * Runs the test from {@code params}; {@code params} and the optimizer's rates are restored afterwards.
     *
     * @param params θ (restored: unchanged after the call)
     */
    public LrFinderResult run(double[] params) {
        Check.length("params", params, model.dimension());
        double[] saved = params.clone();
        int groups = optimizer.groupCount();
        double[] savedLr = new double[groups];
        double[] savedMomentum = new double[groups];
        for (int g = 0; g < groups; g++) {
            savedLr[g] = optimizer.lr(g);
            savedMomentum[g] = optimizer.hasMomentum() ? optimizer.momentum(g) : 0;
        }
        int n = model.data().rows();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] grad = new double[params.length];
        double[] lrs = new double[iterations];
        double[] losses = new double[iterations];
        double[] smoothed = new double[iterations];
        double avg = 0;
        double best = Double.POSITIVE_INFINITY;
        int count = 0;
        boolean stoppedEarly = false;
        int pos = n;
        try {
            for (int i = 0; i < iterations; i++) {
                if (pos + Math.min(batchSize, n) > n) {
                    shuffle(order, rng);
                    pos = 0;
                }
                int to = Math.min(n, pos + batchSize);
                double lr = rateAt(i);
                optimizer.setLr(lr);
                double loss = model.valueAndGradient(params, grad, order, pos, to);
                pos = to;
                avg = beta * avg + (1 - beta) * loss;
                double s = avg / (1 - Math.pow(beta, i + 1));
                lrs[count] = lr;
                losses[count] = loss;
                smoothed[count] = s;
                count++;
                if (listener != null) {
                    listener.onIteration(i, lr, loss, s);
                }
                if (!Double.isFinite(loss) || !Double.isFinite(s) || s > divergeFactor * best) {
                    stoppedEarly = i < iterations - 1;
                    break;
                }
                best = Math.min(best, s);
                optimizer.step(params, grad);
            }
        } finally {
            System.arraycopy(saved, 0, params, 0, params.length);
            optimizer.reset();
            for (int g = 0; g < groups; g++) {
                optimizer.setLr(g, savedLr[g]);
                if (optimizer.hasMomentum()) {
                    optimizer.setMomentum(g, savedMomentum[g]);
                }
            }
        }
        return new LrFinderResult(Arrays.copyOf(lrs, count), Arrays.copyOf(losses, count),
                Arrays.copyOf(smoothed, count), stoppedEarly, iterations, Math.min(batchSize, n), n);
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
