package lrlab.train;

import java.util.SplittableRandom;
import lrlab.objective.BatchObjective;
import lrlab.optim.Optimizer;
import lrlab.util.Check;
import lrlab.util.Shuffle;

/**
 * The one batch loop of the library: {@link Trainer}, {@code LrFinder}, {@code GradientDescent} and the
 * lesson helpers all step through it. Each epoch shuffles the row order ({@link Shuffle}, as torch's
 * {@code DataLoader(shuffle=True)}), cuts it into batches of {@code batchSize} rows (the last one smaller,
 * torch's {@code drop_last=False}, or skipped with {@code dropLast}), and for each batch b computes the mean
 * loss L_b and its gradient, asks the {@link Hooks} whether to step, calls {@code optimizer.step} and tells
 * the hooks. A batch size of at least n makes every step a full-batch step.
 *
 * <p>What a run records or decides is in its hooks; the loop itself allocates nothing per step (its
 * order and gradient buffers are made once, in the constructor).
 */
public final class BatchLoop {

    /** What a run does around each optimizer step; both calls get the 1-based global step number. */
    public interface Hooks {

        /**
         * Before the optimizer steps on a batch.
         *
         * @param step the step about to be taken (1-based, counted over the whole run)
         * @param loss the batch loss L_b at the current parameters
         * @param lr the optimizer's rate (group 0) at this moment; the hook may set another for this step
         * @param params the parameters the loss was computed at (not to be modified)
         * @param gradient the batch gradient the optimizer will step on (not to be modified)
         * @return false to stop the run here, without this step
         */
        boolean beforeStep(long step, double loss, double lr, double[] params, double[] gradient);

        /**
         * After the optimizer step.
         *
         * @param step the step just taken
         * @param loss its batch loss (before the step)
         * @param lr the rate it used
         * @param params the parameters after the step (not to be modified)
         * @return false to stop the run after this step
         */
        boolean afterStep(long step, double loss, double lr, double[] params);
    }

    /** How an epoch orders its rows. */
    private enum Sampling {
        /** A fresh shuffle every epoch. */
        SHUFFLE,
        /** Row order, never shuffled. */
        IN_ORDER,
        /** n independent uniform draws every epoch. */
        WITH_REPLACEMENT
    }

    private final BatchObjective objective;
    private final Optimizer optimizer;
    private final int batchSize;
    private final boolean dropLast;
    private final Sampling sampling;
    private final SplittableRandom rng;
    private final int[] order;
    private final double[] grad;
    private long steps;
    private boolean stopped;

    private BatchLoop(BatchObjective objective, Optimizer optimizer, int batchSize, boolean dropLast,
                      Sampling sampling, long seed) {
        this.objective = Check.notNull("objective", objective);
        this.optimizer = Check.notNull("optimizer", optimizer);
        this.batchSize = Check.atLeast("batchSize", batchSize, 1);
        this.dropLast = dropLast;
        this.sampling = sampling;
        this.rng = new SplittableRandom(seed);
        this.order = Shuffle.identity(objective.rows());
        this.grad = new double[objective.dimension()];
    }

    /**
     * Shuffled batches of {@code batchSize} rows, the last one possibly smaller (torch's default loader).
     *
     * @param objective the loss over rows (a model on its training data)
     * @param optimizer stepped in place on every batch
     * @param batchSize rows per batch, ≥ 1
     * @param seed seed of the shuffling
     * @return a loop at step 0
     */
    public static BatchLoop shuffled(BatchObjective objective, Optimizer optimizer, int batchSize, long seed) {
        return new BatchLoop(objective, optimizer, batchSize, false, Sampling.SHUFFLE, seed);
    }

    /**
     * Shuffled batches of exactly {@code min(batchSize, n)} rows; the rows left over at the end of an
     * epoch are skipped (torch's {@code drop_last=True}, fastai's training loader).
     *
     * @param objective the loss over rows
     * @param optimizer stepped in place on every batch
     * @param batchSize rows per batch, ≥ 1
     * @param seed seed of the shuffling
     * @return a loop at step 0
     */
    public static BatchLoop dropLast(BatchObjective objective, Optimizer optimizer, int batchSize, long seed) {
        return new BatchLoop(objective, optimizer, batchSize, true, Sampling.SHUFFLE, seed);
    }

    /**
     * Batches in row order, never shuffled (torch's {@code shuffle=False}): with a batch size ≥ n every
     * step is the same full-batch step.
     *
     * @param objective the loss over rows
     * @param optimizer stepped in place on every batch
     * @param batchSize rows per batch, ≥ 1
     * @return a loop at step 0
     */
    public static BatchLoop inOrder(BatchObjective objective, Optimizer optimizer, int batchSize) {
        return new BatchLoop(objective, optimizer, batchSize, false, Sampling.IN_ORDER, 0);
    }

    /**
     * Batches of {@code batchSize} rows drawn independently and uniformly with replacement: every epoch
     * is n draws cut into ⌈n/B⌉ batches, so a step's gradient is an unbiased estimate independent of the
     * others (the textbook model of SGD noise).
     *
     * @param objective the loss over rows
     * @param optimizer stepped in place on every batch
     * @param batchSize rows per batch, ≥ 1
     * @param seed seed of the draws
     * @return a loop at step 0
     */
    public static BatchLoop withReplacement(BatchObjective objective, Optimizer optimizer, int batchSize, long seed) {
        return new BatchLoop(objective, optimizer, batchSize, false, Sampling.WITH_REPLACEMENT, seed);
    }

    /** @return the optimizer steps one epoch takes: ⌈n/B⌉, or ⌊n/B⌋ (at least 1) when the last batch is dropped */
    public int stepsPerEpoch() {
        return stepsPerEpoch(objective.rows(), batchSize, dropLast);
    }

    /**
     * Optimizer steps of one epoch over {@code rows} rows.
     *
     * @param rows n, ≥ 1
     * @param batchSize B, ≥ 1
     * @param dropLast whether a last, smaller batch is skipped
     * @return ⌈n/B⌉, or max(1, ⌊n/B⌋) with {@code dropLast}
     */
    public static int stepsPerEpoch(int rows, int batchSize, boolean dropLast) {
        return dropLast ? Math.max(1, rows / batchSize) : (rows + batchSize - 1) / batchSize;
    }

    /** @return the optimizer steps taken so far */
    public long steps() {
        return steps;
    }

    /** @return whether a hook stopped the run */
    public boolean stopped() {
        return stopped;
    }

    /**
     * One epoch on {@code params}: shuffle (unless in order), then for each batch L_b and ∇L_b, the hooks
     * and {@code optimizer.step}.
     *
     * @param params θ (modified: stepped in place)
     * @param hooks told about every step (null: none, and nothing stops the epoch)
     * @return Σ_b L_b·|b| over the batches stepped (the row-weighted loss sum)
     * @throws IllegalStateException if a hook has already stopped the run
     */
    public double epoch(double[] params, Hooks hooks) {
        if (stopped) {
            throw new IllegalStateException("the run was stopped at step " + steps + "; start a new loop");
        }
        if (sampling == Sampling.SHUFFLE) {
            Shuffle.inPlace(order, rng);
        } else if (sampling == Sampling.WITH_REPLACEMENT) {
            for (int i = 0; i < order.length; i++) {
                order[i] = rng.nextInt(order.length);
            }
        }
        return batches(objective, optimizer, params, grad, order, batchSize, dropLast, hooks, this);
    }

    /**
     * {@code epochs} epochs without hooks: the benchmark's and the allocation test's entry, the same loop
     * as {@link #epoch} with caller-owned buffers. Allocates nothing.
     *
     * @param objective the loss over rows
     * @param optimizer stepped in place
     * @param params θ (modified)
     * @param grad gradient buffer of length {@code objective.dimension()} (modified)
     * @param order row order of length n (shuffled in place every epoch)
     * @param batchSize rows per batch
     * @param epochs epochs to run
     * @param rng the shuffling's random numbers
     * @return the mean training loss of the last epoch, Σ_b L_b·|b| / n
     */
    public static double epochs(BatchObjective objective, Optimizer optimizer, double[] params, double[] grad,
                                int[] order, int batchSize, int epochs, SplittableRandom rng) {
        double lossSum = 0;
        for (int e = 1; e <= epochs; e++) {
            Shuffle.inPlace(order, rng);
            lossSum = batches(objective, optimizer, params, grad, order, batchSize, false, null, null);
        }
        return lossSum / order.length;
    }

    /**
     * The batches of one epoch in the given order. With {@code hooks} (then {@code run} is the loop that
     * counts the steps and is marked stopped when a hook says so) every step is reported.
     */
    private static double batches(BatchObjective objective, Optimizer optimizer, double[] params, double[] grad,
                                  int[] order, int batchSize, boolean dropLast, Hooks hooks, BatchLoop run) {
        int n = order.length;
        int full = Math.min(batchSize, n);
        double lossSum = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            if (dropLast && to - from < full) {
                break;
            }
            double loss = objective.valueAndGradient(params, grad, order, from, to);
            if (hooks == null) {
                optimizer.step(params, grad);
                lossSum += loss * (to - from);
                continue;
            }
            double lr = optimizer.lr();
            if (!hooks.beforeStep(run.steps + 1, loss, lr, params, grad)) {
                run.stopped = true;
                return lossSum;
            }
            lr = optimizer.lr();   // a hook may set this step's rate (the range test does)
            optimizer.step(params, grad);
            run.steps++;
            lossSum += loss * (to - from);
            if (!hooks.afterStep(run.steps, loss, lr, params)) {
                run.stopped = true;
                return lossSum;
            }
        }
        return lossSum;
    }
}
