package lrlab.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import lrlab.data.Dataset;
import lrlab.data.Split;
import lrlab.model.Evaluation;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.schedule.Scheduler;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * Mini-batch training, as a torch training loop: every epoch shuffles the training rows, and for each batch
 * of {@code batchSize} rows computes the mean loss and gradient and calls {@code optimizer.step} (the
 * library's one {@link BatchLoop}); a {@link Scheduler} is stepped after every epoch or every batch, as a
 * torch user places {@code scheduler.step()}. A non-finite batch loss stops the run before stepping on it and
 * flags the result.
 *
 * <pre>{@code
 * var opt = Optimizers.adam(1e-3).build();
 * var run = Trainer.of(Mlp.of(split.train(), 32), opt).validation(split.validation()).epochs(20)
 *         .scheduler(Schedulers.cosineAnnealingLR(opt, 20)).fit();
 * table(run.table());
 * }</pre>
 *
 * <p>Fluent setters change this configuration; {@link #fit} keeps all run state apart, so one Trainer can
 * be fitted repeatedly (the optimizer and scheduler are stepped as given: pass fresh ones per run).
 */
public final class Trainer extends RunSettings<Trainer> {

    /** When a {@link Trainer} steps its scheduler. */
    public enum Every {
        /** After every optimizer step (OneCycleLR, CyclicLR, a warmup counted in batches). */
        BATCH,
        /** After every epoch, torch's usual place (StepLR, CosineAnnealingLR over epochs, ReduceLROnPlateau). */
        EPOCH
    }

    private final Model model;
    private final Optimizer optimizer;
    private Dataset validation;
    private double validationFraction = Double.NaN;
    private boolean recordSteps;
    private boolean withReplacement;
    private Scheduler scheduler;
    private Every every = Every.EPOCH;
    private ToDoubleFunction<EpochStats> metric;
    private TrainingListener listener;

    private Trainer(Model model, Optimizer optimizer) {
        this.model = model;
        this.optimizer = optimizer;
    }

    /**
     * Trains {@code model} (on its data set) with {@code optimizer}, with {@link RunConfig#DEFAULTS} until
     * told otherwise.
     *
     * @param model the model on its training data
     * @param optimizer the optimizer, stepped in place
     * @return a trainer to configure and {@link #fit()}
     */
    public static Trainer of(Model model, Optimizer optimizer) {
        Check.notNull("model", model);
        Check.notNull("optimizer", optimizer);
        return new Trainer(model, optimizer);
    }

    @Override
    protected Trainer self() {
        return this;
    }

    /**
     * Validation data evaluated after every epoch (same features as the model's data).
     *
     * @param validation held-out rows
     * @return this
     */
    public Trainer validation(Dataset validation) {
        this.validation = validation;
        this.validationFraction = Double.NaN;
        return this;
    }

    /**
     * Holds out a seeded fraction of the model's data for validation and trains on the rest (no
     * re-standardisation: standardise with {@link Split#standardize()} beforehand to avoid leakage).
     *
     * @param fraction the share held out, in (0, 1)
     * @return this
     */
    public Trainer validationFraction(double fraction) {
        this.validationFraction = Check.in("validationFraction", fraction, 0, true, 1, true);
        this.validation = null;
        return this;
    }

    /**
     * Draws every batch's rows independently and uniformly with replacement (an epoch is still
     * ⌈n/B⌉ batches) instead of the default: each epoch reshuffles the rows and cuts them into batches,
     * as torch's DataLoader with shuffle=True. Independent batches are the textbook model of SGD noise
     * (each step's gradient is an unbiased, independent estimate); reshuffling visits every row once
     * per epoch, which cancels part of the noise.
     *
     * @param withReplacement whether to sample with replacement (default false)
     * @return this
     */
    public Trainer sampleWithReplacement(boolean withReplacement) {
        this.withReplacement = withReplacement;
        return this;
    }

    /**
     * Also keep one row per step in {@link TrainingResult#steps()} (default off).
     *
     * @param record whether to record
     * @return this
     */
    public Trainer recordSteps(boolean record) {
        this.recordSteps = record;
        return this;
    }

    /**
     * Steps {@code scheduler} after every epoch, with the epoch's validation loss (the training loss without
     * validation data) as its metric unless {@link #schedulerMetric} chooses another: {@code ReduceLROnPlateau}
     * reads it, the others ignore it.
     *
     * @param scheduler a scheduler attached to this trainer's optimizer
     * @return this
     */
    public Trainer scheduler(Scheduler scheduler) {
        return scheduler(scheduler, Every.EPOCH);
    }

    /**
     * Steps {@code scheduler} after every batch or every epoch. Per batch its metric is the batch loss.
     *
     * @param scheduler a scheduler attached to this trainer's optimizer
     * @param every {@link Every#BATCH} or {@link Every#EPOCH}
     * @return this
     */
    public Trainer scheduler(Scheduler scheduler, Every every) {
        Check.notNull("scheduler", scheduler);
        Check.notNull("every", every);
        Check.that(scheduler.optimizer() == optimizer, () -> "scheduler must drive this trainer's optimizer, "
                + "got one attached to another optimizer: build it on the optimizer passed to Trainer.of");
        this.scheduler = scheduler;
        this.every = every;
        return this;
    }

    /**
     * Chooses the number a per-epoch scheduler is stepped with, as a torch user chooses what to pass to
     * {@code scheduler.step(metric)}: e.g. {@code EpochStats::trainLoss} to watch the training loss although
     * there is validation data. It is read after the listener's {@link TrainingListener#onEpoch}, so it may
     * return a quantity the listener measured during the epoch. Without it (or with null) the metric is the
     * epoch's validation loss, or its mean training loss when there is no validation data. A per-batch
     * scheduler always gets the batch loss.
     *
     * @param metric the epoch's metric from its stats, or null for the default
     * @return this
     */
    public Trainer schedulerMetric(ToDoubleFunction<EpochStats> metric) {
        this.metric = metric;
        return this;
    }

    /**
     * Progress callbacks (see {@link TrainingListener}), e.g. a notebook's progress line.
     *
     * @param listener told about the run, or null for none
     * @return this
     */
    public Trainer listener(TrainingListener listener) {
        this.listener = listener;
        return this;
    }

    /** @return the result of training from the model's seeded initialisation {@code model.initialParams(seed)} */
    public TrainingResult fit() {
        return fit(model.initialParams(config().seed()));
    }

    /**
     * Trains {@code params} in place.
     *
     * @param params initial θ (modified: holds the trained parameters afterwards)
     * @return the history, the optional step rows and whether the run diverged
     */
    public TrainingResult fit(double[] params) {
        Check.length("params", params, model.dimension());
        RunConfig run = config();
        Model train = model;
        Model val = null;
        if (!Double.isNaN(validationFraction)) {
            Split s = model.data().split(1 - validationFraction, run.seed());
            train = model.on(s.train());
            val = model.on(s.validation());
        } else if (validation != null) {
            val = model.on(validation);
        }
        BatchLoop loop = withReplacement ? BatchLoop.withReplacement(train, optimizer, run.batchSize(), run.seed())
                : BatchLoop.shuffled(train, optimizer, run.batchSize(), run.seed());
        int epochs = run.epochs();
        ToDoubleFunction<EpochStats> epochMetric = metric != null ? metric
                : val == null ? EpochStats::trainLoss : EpochStats::valLoss;
        int n = train.rows();
        StepLog log = new StepLog(recordSteps ? epochs * loop.stepsPerEpoch() : 0);
        int[] hEpoch = new int[epochs];
        double[] hLr = new double[epochs];
        double[] hTrain = new double[epochs];
        double[] hVal = new double[epochs];
        double[] hAcc = new double[epochs];

        if (listener != null) {
            listener.onStart(epochs, loop.stepsPerEpoch());
        }
        int done = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double epochLr = optimizer.lr();
            log.epoch = epoch;
            double lossSum = loop.epoch(params, log);
            if (loop.stopped()) {
                break;
            }
            Evaluation eval = val == null ? null : val.evaluate(params);
            hEpoch[done] = epoch;
            hLr[done] = epochLr;
            hTrain[done] = lossSum / n;
            hVal[done] = eval == null ? Double.NaN : eval.loss();
            hAcc[done] = eval == null ? Double.NaN : eval.accuracy();
            done++;
            EpochStats stats = new EpochStats(epoch, epochLr, hTrain[done - 1], hVal[done - 1], hAcc[done - 1]);
            if (listener != null) {
                listener.onEpoch(stats);
            }
            if (scheduler != null && every == Every.EPOCH) {
                scheduler.step(epochMetric.applyAsDouble(stats));
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
                IntColumn.create("epoch", Arrays.copyOf(log.epochs, log.recorded)),
                DoubleColumn.create("lr", Arrays.copyOf(log.lr, log.recorded)),
                DoubleColumn.create("loss", Arrays.copyOf(log.loss, log.recorded)));
        TrainingResult result = new TrainingResult(params, history, steps, log.diverged, log.divergedStep, done);
        if (listener != null) {
            listener.onEnd(log.diverged ? log.divergedStep : loop.steps(), log.diverged);
        }
        return result;
    }

    /**
     * Runs {@code epochs} epochs with no history, no hooks and no validation, allocation-free, for the
     * benchmark: {@link BatchLoop#epochs}. Unlike {@link #fit} it does not stop at a non-finite batch loss.
     *
     * @param model the model on its training rows
     * @param optimizer stepped in place
     * @param params θ (modified)
     * @param grad gradient buffer of length {@code model.dimension()} (modified)
     * @param order row order buffer of length n (shuffled in place)
     * @param batchSize rows per batch
     * @param epochs epochs to run
     * @param rng the shuffling's random numbers
     * @return the mean training loss of the last epoch
     */
    public static double epochs(Model model, Optimizer optimizer, double[] params, double[] grad, int[] order,
                                int batchSize, int epochs, SplittableRandom rng) {
        return BatchLoop.epochs(model, optimizer, params, grad, order, batchSize, epochs, rng);
    }

    /** Per-run state of {@link #fit}: the optional step rows, divergence, the per-batch scheduler and the listener. */
    private final class StepLog implements BatchLoop.Hooks {
        final long[] step;
        final int[] epochs;
        final double[] lr;
        final double[] loss;
        int epoch;
        int recorded;
        boolean diverged;
        long divergedStep = -1;

        StepLog(int capacity) {
            this.step = new long[capacity];
            this.epochs = new int[capacity];
            this.lr = new double[capacity];
            this.loss = new double[capacity];
        }

        /** Records the step about to be taken; a non-finite loss stops the run before it. */
        @Override
        public boolean beforeStep(long s, double l, double r, double[] params, double[] gradient) {
            if (recorded < step.length) {
                step[recorded] = s;
                epochs[recorded] = epoch;
                lr[recorded] = r;
                loss[recorded++] = l;
            }
            if (!Double.isFinite(l)) {
                diverged = true;
                divergedStep = s;
                return false;
            }
            return true;
        }

        /** After the optimizer step: the listener, then the per-batch scheduler. */
        @Override
        public boolean afterStep(long s, double l, double r, double[] params) {
            if (listener != null) {
                listener.onStep(s, l, r);
            }
            if (scheduler != null && every == Every.BATCH) {
                scheduler.step(l);
            }
            return true;
        }
    }
}
