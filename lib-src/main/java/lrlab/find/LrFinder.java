package lrlab.find;

import java.util.Arrays;
import lrlab.analysis.RateSweep;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.train.BatchLoop;
import lrlab.train.RunConfig;
import lrlab.train.TrainingListener;
import lrlab.util.Check;

/**
 * The learning-rate range test (Smith 2017, "Cyclical Learning Rates for Training Neural Networks"
 * §3.3), with the semantics of fastai's {@code Learner.lr_find} and of pytorch-lr-finder's
 * {@code LRFinder.range_test(step_mode="exp")}: mini-batch training where iteration i uses
 * lr_i = start · (end/start)^{i/(N−1)}, i = 0..N−1 (pytorch-lr-finder's ExponentialLR, which ends exactly at
 * {@code end}; fastai's SchedExp uses i/N and stops one ratio short), the library's log grid
 * {@code RateSweep.logspace(start, end, N)}; the batch loss ℓ_i is recorded before the step.
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
 * <p>Batches come from the library's one batch loop ({@link BatchLoop#dropLast}): a seeded shuffle of the
 * model's rows, reshuffled every epoch, the partial last batch skipped (fastai's training DataLoader with
 * drop_last).
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
    /** Batch size and seed start at the library's one set of defaults; the test counts iterations, not epochs. */
    private RunConfig config = RunConfig.DEFAULTS;
    private TrainingListener listener;

    private LrFinder(Model model, Optimizer optimizer) {
        this.model = model;
        this.optimizer = optimizer;
    }

    /**
     * A range test of {@code model} on its data with {@code optimizer}.
     *
     * @param model the model on its training rows
     * @param optimizer the optimizer (its rate is overwritten during the test and restored afterwards)
     * @return a finder to configure and {@link #run}
     */
    public static LrFinder of(Model model, Optimizer optimizer) {
        Check.notNull("model", model);
        Check.notNull("optimizer", optimizer);
        return new LrFinder(model, optimizer);
    }

    /**
     * Start and end rates (default 1e−7 to 10, fastai).
     *
     * @param start the first rate, finite and &gt; 0
     * @param end the last rate, finite and &gt; start
     * @return this
     */
    public LrFinder range(double start, double end) {
        Check.positiveRange("start", start, "end", end);
        this.start = start;
        this.end = end;
        return this;
    }

    /**
     * @param iterations number of iterations N ≥ 2 (default 100, fastai's num_it and pytorch-lr-finder's num_iter)
     * @return this
     */
    public LrFinder iterations(int iterations) {
        this.iterations = Check.atLeast("iterations", iterations, 2);
        return this;
    }

    /**
     * @param beta smoothing β in [0, 1) (default 0.98, fastai)
     * @return this
     */
    public LrFinder beta(double beta) {
        this.beta = Check.unitHalfOpen("beta", beta);
        return this;
    }

    /**
     * @param k early-stop factor k &gt; 1 (default 4, fastai); {@code Double.POSITIVE_INFINITY} never stops early
     * @return this
     */
    public LrFinder divergeFactor(double k) {
        this.divergeFactor = Check.greaterThan("divergeFactor", k, 1);
        return this;
    }

    /**
     * @param batchSize rows per batch, ≥ 1 (default 32, {@link RunConfig#DEFAULTS})
     * @return this
     */
    public LrFinder batchSize(int batchSize) {
        this.config = config.batchSize(batchSize);
        return this;
    }

    /**
     * @param seed seed of the batch shuffling (default 0, {@link RunConfig#DEFAULTS})
     * @return this
     */
    public LrFinder seed(long seed) {
        this.config = config.seed(seed);
        return this;
    }

    /**
     * @param listener told about the test's steps (a notebook's progress line), or null for none
     * @return this
     */
    public LrFinder listener(TrainingListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * @param i the iteration, 0 ≤ i &lt; N
     * @return the rate of iteration i: start · (end/start)^{i/(N−1)}, from {@link RateSweep#logspace}
     */
    public double rateAt(int i) {
        Check.that(i >= 0 && i < iterations, () -> "i must be in [0, " + iterations + "), got " + i);
        return RateSweep.logspace(start, end, iterations)[i];
    }

    /**
     * Runs the test from {@code params}; {@code params} and the optimizer's rates are restored afterwards.
     *
     * @param params θ (not modified: the test trains a copy)
     * @return the curve and its suggestions
     */
    public LrFinderResult run(double[] params) {
        Check.length("params", params, model.dimension());
        int groups = optimizer.groupCount();
        double[] savedLr = new double[groups];
        double[] savedMomentum = new double[groups];
        for (int g = 0; g < groups; g++) {
            savedLr[g] = optimizer.lr(g);
            savedMomentum[g] = optimizer.hasMomentum() ? optimizer.momentum(g) : 0;
        }
        BatchLoop loop = BatchLoop.dropLast(model, optimizer, config.batchSize(), config.seed());
        RangeTest test = new RangeTest();
        try {
            if (listener != null) {
                listener.onStart((iterations + loop.stepsPerEpoch() - 1) / loop.stepsPerEpoch(), loop.stepsPerEpoch());
            }
            double[] theta = params.clone();
            while (!loop.stopped()) {
                loop.epoch(theta, test);
            }
            if (listener != null) {
                listener.onEnd(test.stoppedEarly ? loop.steps() + 1 : loop.steps(), test.stoppedEarly);
            }
        } finally {
            optimizer.reset();
            for (int g = 0; g < groups; g++) {
                optimizer.setLr(g, savedLr[g]);
                if (optimizer.hasMomentum()) {
                    optimizer.setMomentum(g, savedMomentum[g]);
                }
            }
        }
        int n = model.rows();
        return new LrFinderResult(Arrays.copyOf(test.rates, test.count), Arrays.copyOf(test.losses, test.count),
                Arrays.copyOf(test.smoothed, test.count), test.stoppedEarly, iterations, Math.min(config.batchSize(), n), n);
    }

    /**
     * The test's hooks on the batch loop: iteration i = step − 1 sets lr_i, records ℓ_i and the smoothed
     * loss, and stops before stepping when the smoothed loss diverges, or after the last iteration.
     */
    private final class RangeTest implements BatchLoop.Hooks {
        final double[] rates = RateSweep.logspace(start, end, iterations);
        final double[] losses = new double[iterations];
        final double[] smoothed = new double[iterations];
        int count;
        double avg;
        double best = Double.POSITIVE_INFINITY;
        boolean stoppedEarly;

        @Override
        public boolean beforeStep(long step, double loss, double currentLr, double[] params, double[] gradient) {
            int i = (int) step - 1;
            double lr = rates[i];
            optimizer.setLr(lr);
            avg = beta * avg + (1 - beta) * loss;
            double s = avg / (1 - Math.pow(beta, i + 1));
            losses[count] = loss;
            smoothed[count] = s;
            count++;
            if (!Double.isFinite(loss) || !Double.isFinite(s) || s > divergeFactor * best) {
                stoppedEarly = i < iterations - 1;
                return false;
            }
            best = Math.min(best, s);
            return true;
        }

        @Override
        public boolean afterStep(long step, double loss, double lr, double[] params) {
            if (listener != null) {
                listener.onStep(step, loss, lr);
            }
            return step < iterations;
        }
    }
}
