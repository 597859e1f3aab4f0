package lrlab.lesson;

import lrlab.analysis.Sharpness;
import lrlab.data.Dataset;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.schedule.Schedulers;
import lrlab.train.EpochStats;
import lrlab.train.RunSettings;
import lrlab.train.Trainer;
import lrlab.train.TrainingListener;
import lrlab.util.Check;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What warmup does to the curvature, measured on the course's own runs. Along each run the sharpness λ_t
 * (the largest Hessian eigenvalue of the training loss, {@link Sharpness}) is measured after every epoch and
 * set against the rate: on a quadratic, gradient descent is stable while η_t·λ_t &lt; 2. Kalra and Barkeshli
 * (2024, "Why Warmup the Learning Rate? Underlying Mechanisms and Improvements") find that warmup's main
 * benefit is to let training reach regions whose curvature tolerates a larger target rate, and that whether
 * λ first rises or falls depends on the initialisation; {@link #run} and {@link #initialScales} measure both
 * here. Plain SGD; every run starts from the model's initialisation with seed 0.
 *
 * <pre>{@code
 * var warm = WarmupCurvature.on(mlp, digits.validation()).batchSize(512).epochs(8).warmupEpochs(2);
 * Table runs = warm.run(2.4, 3.2);          // each target with and without warmup
 * }</pre>
 * The run settings are the shared ones ({@link RunSettings}) with this lesson's batches of 512 and 8 epochs.
 */
public final class WarmupCurvature extends RunSettings<WarmupCurvature> {

    private final Model model;
    private final Dataset validation;
    private int warmupEpochs = 2;
    private double startLr = 0.2;
    private TrainingListener progress;

    private WarmupCurvature(Model model, Dataset validation) {
        this.model = model;
        this.validation = validation;
        batchSize(512).epochs(8);
    }

    @Override
    protected WarmupCurvature self() {
        return this;
    }

    /**
     * Runs of {@code model} on its training data, scored on {@code validation}.
     *
     * @param model the model (its data set is the training set)
     * @param validation validation rows
     * @return the experiment
     */
    public static WarmupCurvature on(Model model, Dataset validation) {
        return new WarmupCurvature(Check.notNull("model", model), Check.notNull("validation", validation));
    }

    /**
     * Length of the warmup in epochs (default 2; must be below the number of epochs when running).
     *
     * @param warmupEpochs ≥ 1
     * @return this
     */
    public WarmupCurvature warmupEpochs(int warmupEpochs) {
        this.warmupEpochs = Check.atLeast("warmupEpochs", warmupEpochs, 1);
        return this;
    }

    /**
     * The rate the warmup starts from (default 0.2, notebook 8's base rate at batch 32).
     *
     * @param startLr &gt; 0
     * @return this
     */
    public WarmupCurvature startLr(double startLr) {
        this.startLr = Check.positive("startLr", startLr);
        return this;
    }

    /**
     * Reports each run's epochs (e.g. to a notebook's progress line), each run named as a stage.
     *
     * @param progress told about every run (null for none)
     * @return this
     */
    public WarmupCurvature progress(TrainingListener progress) {
        this.progress = progress;
        return this;
    }

    /**
     * Each target rate without and with a linear warmup from the start rate: a long table run, target,
     * warmup, epoch (0 = before training), lr (the rate of the epoch's last step), val_loss, sharpness and
     * lr_times_sharpness = η·λ (above 2: beyond a quadratic's stability limit).
     *
     * @param targets the rates trained at after warmup, each &gt; the start rate
     * @return one row per run × epoch
     */
    public Table run(double... targets) {
        Check.nonEmpty("targets", targets);
        int epochs = config().epochs();
        Check.that(warmupEpochs < epochs, () -> "warmupEpochs must be < epochs " + epochs + ", got " + warmupEpochs);
        Table t = Table.create("warmup and sharpness").addColumns(StringColumn.create("run"),
                DoubleColumn.create("target"), BooleanColumn.create("warmup"), IntColumn.create("epoch"),
                DoubleColumn.create("lr"), DoubleColumn.create("val_loss"), DoubleColumn.create("sharpness"),
                DoubleColumn.create("lr_times_sharpness"));
        for (double target : targets) {
            Check.greaterThan("target", target, startLr);
            for (boolean warm : new boolean[] {false, true}) {
                track(t, target, warm);
            }
        }
        return t;
    }

    private void track(Table t, double target, boolean warm) {
        String name = String.format("η = %.3g%s", target, warm ? " after warmup" : "");
        Optimizer opt = Optimizers.sgd(target).build();
        int stepsPerEpoch = config().stepsPerEpoch(model.rows());
        double[] params = model.initialParams(config().seed());
        Sharpness sharpness = Sharpness.of(model).steps(12);
        Model val = model.on(validation);
        double[] lastLr = {warm ? startLr : target};
        TrainingListener measure = new TrainingListener() {
            @Override
            public void onStep(long step, double loss, double lr) {
                lastLr[0] = lr;
            }

            /** After every epoch: the validation loss and the sharpness at the current parameters. */
            @Override
            public void onEpoch(EpochStats stats) {
                row(t, name, target, warm, stats.epoch(), lastLr[0], val.value(params), sharpness.largest(params));
            }
        };
        Trainer trainer = Trainer.of(model, opt).config(config()).listener(TrainingListener.combine(progress, measure));
        if (warm) {
            trainer.scheduler(Schedulers.linearLR(opt, startLr / target, 1.0, warmupEpochs * stepsPerEpoch),
                    Trainer.Every.BATCH);
        }
        row(t, name, target, warm, 0, lastLr[0], val.value(params), sharpness.largest(params));
        if (progress != null) {
            progress.onStage(name);
        }
        trainer.fit(params);
    }

    private static void row(Table t, String name, double target, boolean warm, int epoch, double lr, double valLoss,
                            double lambda) {
        boolean finite = Double.isFinite(valLoss) && Double.isFinite(lambda);
        t.stringColumn("run").append(name);
        t.doubleColumn("target").append(target);
        t.booleanColumn("warmup").append(warm);
        t.intColumn("epoch").append(epoch);
        t.doubleColumn("lr").append(lr);
        t.doubleColumn("val_loss").append(finite ? valLoss : Double.NaN);
        t.doubleColumn("sharpness").append(finite ? lambda : Double.NaN);
        t.doubleColumn("lr_times_sharpness").append(finite ? lr * lambda : Double.NaN);
    }

    /**
     * How the sharpness moves in the first epoch from initialisations scaled by each factor (all parameters
     * × scale), trained one epoch at {@code lr} with batches of {@code batch}: init_scale, sharpness_at_init,
     * sharpness_after_one_epoch, direction ("rises" or "falls").
     *
     * @param lr the rate of the first epoch
     * @param batch rows per batch of the first epoch
     * @param scales factors &gt; 0 applied to the initial parameters
     * @return one row per scale
     */
    public Table initialScales(double lr, int batch, double... scales) {
        Check.positive("lr", lr);
        Check.atLeast("batch", batch, 1);
        Check.nonEmpty("scales", scales);
        Table t = Table.create("sharpness in the first epoch").addColumns(DoubleColumn.create("init_scale"),
                DoubleColumn.create("sharpness_at_init"), DoubleColumn.create("sharpness_after_one_epoch"),
                StringColumn.create("direction"));
        Sharpness sharpness = Sharpness.of(model).steps(12);
        for (double s : scales) {
            Check.positive("scale", s);
            double[] params = model.initialParams(config().seed());
            for (int i = 0; i < params.length; i++) {
                params[i] *= s;
            }
            double before = sharpness.largest(params);
            Trainer.of(model, Optimizers.sgd(lr).build()).config(config().batchSize(batch).epochs(1)).fit(params);
            double after = sharpness.largest(params);
            t.doubleColumn("init_scale").append(s);
            t.doubleColumn("sharpness_at_init").append(before);
            t.doubleColumn("sharpness_after_one_epoch").append(after);
            t.stringColumn("direction").append(after > before ? "rises" : "falls");
        }
        return t;
    }
}
