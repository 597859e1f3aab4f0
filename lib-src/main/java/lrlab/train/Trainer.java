package lrlab.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import lrlab.data.Dataset;
import lrlab.data.Split;
import lrlab.model.Evaluation;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * Mini-batch training: each epoch shuffles the training rows (seeded Fisher–Yates), cuts them into
 * batches of {@code batchSize} (the last one may be smaller, torch's drop_last=False), and for each batch
 * computes the mean loss and gradient and calls {@code optimizer.step}. Per-batch and per-epoch hooks let a
 * scheduler run (e.g. {@code afterStep(s -> sched.step())} or {@code afterEpoch(e -> sched.step())}).
 * A non-finite batch loss stops the run before stepping on it and flags the result.
 *
 * <pre>{@code
 * var result = Trainer.of(Mlp.of(split.train(), 32), new SGD(0.1))
 *         .validation(split.validation()).batchSize(32).epochs(10).seed(0)
 *         .fit();
 * display(result.history());
 * }</pre>
 *
 * <p>Fluent setters change this configuration; {@link #fit} keeps all run state apart, so one Trainer can
 * be fitted repeatedly (the optimizer is stepped as given: pass a fresh one, or {@code reset()} it, per run).
 */
public final class Trainer {

    private final Model model;
    private final Optimizer optimizer;
    private int batchSize = 32;
    private int epochs = 10;
    private long seed = 0;
    private Dataset validation;
    private double validationFraction = Double.NaN;
    private boolean recordSteps;
    private boolean withReplacement;
    private LongConsumer afterStep;
    private IntConsumer afterEpoch;
    private TrainingListener listener;

    private Trainer(Model model, Optimizer optimizer) {
        this.model = model;
        this.optimizer = optimizer;
    }

    /** Trains {@code model} (on its data set) with {@code optimizer}. */
    public static Trainer of(Model model, Optimizer optimizer) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must not be null");
        }
        return new Trainer(model, optimizer);
    }

    /** Rows per batch, ≥ 1 (default 32). */
    public Trainer batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** Number of epochs, ≥ 1 (default 10). */
    public Trainer epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /** Seed of the shuffling, of the split and of {@link #fit()}'s initialisation (default 0). */
    public Trainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Validation data evaluated after every epoch (same features as the model's data). */
    public Trainer validation(Dataset validation) {
        this.validation = validation;
        this.validationFraction = Double.NaN;
        return this;
    }

    /**
     * Holds out a seeded fraction in (0, 1) of the model's data for validation and trains on the rest
     * (no re-standardisation: standardise with {@link Split#standardize()} beforehand to avoid leakage).
     */
    public Trainer validationFraction(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1), got " + fraction);
        }
        this.validationFraction = fraction;
        this.validation = null;
        return this;
    }

    /**
     * Draws every batch's rows independently and uniformly with replacement (an epoch is still
     * ⌈n/B⌉ batches) instead of the default: each epoch reshuffles the rows and cuts them into batches,
     * as torch's DataLoader with shuffle=True. Independent batches are the textbook model of SGD noise
     * (each step's gradient is an unbiased, independent estimate); reshuffling visits every row once
     * per epoch, which cancels part of the noise.
     */
    public Trainer sampleWithReplacement(boolean withReplacement) {
        this.withReplacement = withReplacement;
        return this;
    }

    /** Also keep one history row per step (default off). */
    public Trainer recordSteps(boolean record) {
        this.recordSteps = record;
        return this;
    }

    /** Called with the 1-based global step after every optimizer step (e.g. a per-batch scheduler). */
    public Trainer afterStep(LongConsumer hook) {
        this.afterStep = hook;
        return this;
    }

    /** Called with the 1-based epoch after every completed epoch (e.g. a per-epoch scheduler). */
    public Trainer afterEpoch(IntConsumer hook) {
        this.afterEpoch = hook;
        return this;
    }

    /** Progress callbacks (see {@link TrainingListener}). */
    public Trainer listener(TrainingListener listener) {
        this.listener = listener;
        return this;
    }

    /** Fits from the model's seeded initialisation {@code model.initialParams(seed)}. */
    public TrainingResult fit() {
        return fit(model.initialParams(seed));
    }

    /**
     * Trains {@code params} in place.
     *
     * @param params initial θ (modified: holds the trained parameters afterwards)
     */
    public TrainingResult fit(double[] params) {
        if (params == null || params.length != model.dimension()) {
            throw new IllegalArgumentException("params must have length " + model.dimension() + ", got "
                    + (params == null ? "null" : params.length));
        }
        Model train = model;
        Model val = null;
        if (!Double.isNaN(validationFraction)) {
            Split s = model.data().split(1 - validationFraction, seed);
            train = model.on(s.train());
            val = model.on(s.validation());
        } else if (validation != null) {
            val = model.on(validation);
        }
        int n = train.data().rows();
        int stepsPerEpoch = (n + batchSize - 1) / batchSize;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] grad = new double[params.length];

        int[] hEpoch = new int[epochs];
        double[] hLr = new double[epochs];
        double[] hTrain = new double[epochs];
        double[] hVal = new double[epochs];
        double[] hAcc = new double[epochs];
        StepLog log = new StepLog(recordSteps ? epochs * stepsPerEpoch : 0, listener, afterStep);

        if (listener != null) {
            listener.onStart(epochs, stepsPerEpoch);
        }
        int done = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            if (withReplacement) {
                draw(order, n, rng);
            } else {
                shuffle(order, rng);
            }
            double epochLr = optimizer.lr();
            double lossSum = epoch(train, optimizer, params, grad, order, batchSize, epoch, log);
            if (log.diverged) {
                break;
            }
            Evaluation eval = val == null ? null : val.evaluate(params);
            double valLoss = eval == null ? Double.NaN : eval.loss();
            double valAcc = eval == null ? Double.NaN : eval.accuracy();
            hEpoch[done] = epoch;
            hLr[done] = epochLr;
            hTrain[done] = lossSum / n;
            hVal[done] = valLoss;
            hAcc[done] = valAcc;
            done++;
            if (listener != null) {
                listener.onEpoch(new EpochStats(epoch, epochLr, lossSum / n, valLoss, valAcc));
            }
            if (afterEpoch != null) {
                afterEpoch.accept(epoch);
            }
        }
        Table history = Table.create("history").addColumns(
                IntColumn.create("epoch", Arrays.copyOf(hEpoch, done)),
                DoubleColumn.create("lr", Arrays.copyOf(hLr, done)),
                DoubleColumn.create("train_loss", Arrays.copyOf(hTrain, done)),
                DoubleColumn.create("val_loss", Arrays.copyOf(hVal, done)),
                DoubleColumn.create("val_accuracy", Arrays.copyOf(hAcc, done)));
        Table steps = Table.create("steps").addColumns(
                LongColumn.create("step", Arrays.copyOf(log.step, log.recorded)),
                IntColumn.create("epoch", Arrays.copyOf(log.epoch, log.recorded)),
                DoubleColumn.create("lr", Arrays.copyOf(log.lr, log.recorded)),
                DoubleColumn.create("loss", Arrays.copyOf(log.loss, log.recorded)));
        TrainingResult result = new TrainingResult(params, history, steps, log.diverged, log.divergedStep, done);
        if (listener != null) {
            listener.onEnd(result);
        }
        return result;
    }

    /** Fisher–Yates shuffle of {@code a} in place. */
    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Fills {@code a} with independent uniform draws from 0..n−1 (sampling with replacement). */
    static void draw(int[] a, int n, SplittableRandom rng) {
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextInt(n);
        }
    }

    /**
     * Runs {@code epochs} epochs with no history, no hooks and no validation: the same batch loop as
     * {@link #fit} (one shared method), allocation-free, for the benchmark. Returns the mean training loss of
     * the last epoch. Unlike {@link #fit} it does not stop at a non-finite batch loss.
     *
     * @param order row order buffer of length n (shuffled in place)
     * @param grad gradient buffer of length {@code model.dimension()}
     */
    public static double epochs(Model model, Optimizer optimizer, double[] params, double[] grad, int[] order,
                                int batchSize, int epochs, SplittableRandom rng) {
        double lossSum = 0;
        for (int e = 1; e <= epochs; e++) {
            shuffle(order, rng);
            lossSum = epoch(model, optimizer, params, grad, order, batchSize, e, null);
        }
        return lossSum / order.length;
    }

    /**
     * One epoch: for each batch {@code order[from..to)} of {@code batchSize} rows (the last may be smaller),
     * L_b = mean loss with its gradient, then {@code optimizer.step}. Returns Σ_b L_b·|b| (the row-weighted
     * loss sum). With a {@code log} (nullable) the steps are counted, recorded and reported, and the epoch
     * stops at the first non-finite L_b without stepping on it (returns NaN, {@code log.diverged} set).
     */
    private static double epoch(Model model, Optimizer optimizer, double[] params, double[] grad, int[] order,
                                int batchSize, int epoch, StepLog log) {
        int n = order.length;
        double lossSum = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            double loss = model.valueAndGradient(params, grad, order, from, to);
            double lr = log == null ? Double.NaN : log.record(epoch, loss, optimizer.lr());
            if (log != null && log.diverged) {
                return Double.NaN;
            }
            optimizer.step(params, grad);
            lossSum += loss * (to - from);
            if (log != null) {
                log.stepped(loss, lr);
            }
        }
        return lossSum;
    }

    /** Run state of one {@link #fit}: the global step, divergence, the optional step rows and the hooks. */
    private static final class StepLog {
        final long[] step;
        final int[] epoch;
        final double[] lr;
        final double[] loss;
        final TrainingListener listener;
        final LongConsumer afterStep;
        int recorded;
        long steps;
        boolean diverged;
        long divergedStep = -1;

        StepLog(int capacity, TrainingListener listener, LongConsumer afterStep) {
            this.step = new long[capacity];
            this.epoch = new int[capacity];
            this.lr = new double[capacity];
            this.loss = new double[capacity];
            this.listener = listener;
            this.afterStep = afterStep;
        }

        /** Counts a step about to be taken with batch loss {@code l} at rate {@code r}; returns r. */
        double record(int e, double l, double r) {
            steps++;
            if (recorded < step.length) {
                step[recorded] = steps;
                epoch[recorded] = e;
                lr[recorded] = r;
                loss[recorded++] = l;
            }
            if (!Double.isFinite(l)) {
                diverged = true;
                divergedStep = steps;
            }
            return r;
        }

        /** After the optimizer step: the listener and the per-step hook. */
        void stepped(double l, double r) {
            if (listener != null) {
                listener.onStep(steps, l, r);
            }
            if (afterStep != null) {
                afterStep.accept(steps);
            }
        }
    }
}
