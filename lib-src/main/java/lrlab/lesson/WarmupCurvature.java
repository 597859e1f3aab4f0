package lrlab.lesson;

import lrlab.analysis.Sharpness;
import lrlab.data.Dataset;
import lrlab.display.TrainingProgress;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.schedule.LinearLR;
import lrlab.schedule.Schedulers;
import lrlab.train.EpochStats;
import lrlab.train.Trainer;
import lrlab.train.TrainingListener;
import lrlab.train.TrainingResult;
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
 * var warm = WarmupCurvature.on(mlp, digits.validation()).batch(512).epochs(8).warmupEpochs(2);
 * Table runs = warm.run(2.4, 3.2);          // each target with and without warmup
 * }</pre>
 */
public final class WarmupCurvature {

    private final Model model;
    private final Dataset validation;
    private int batch = 512;
    private int epochs = 8;
    private int warmupEpochs = 2;
    private double startLr = 0.2;
    private TrainingProgress progress;

    private WarmupCurvature(Model model, Dataset validation) {
        this.model = model;
        this.validation = validation;
    }

    /**
     * Runs of {@code model} on its training data, scored on {@code validation}.
     *
     * @param model the model (its data set is the training set)
     * @param validation validation rows
     */
    public static WarmupCurvature on(Model model, Dataset validation) {
        return new WarmupCurvature(Check.notNull("model", model), Check.notNull("validation", validation));
    }

    /**
     * Batch size of the runs (default 512).
     *
     * @param batch ≥ 1
     */
    public WarmupCurvature batch(int batch) {
        this.batch = Check.atLeast("batch", batch, 1);
        return this;
    }

    /**
     * Epochs per run (default 8).
     *
     * @param epochs ≥ 1
     */
    public WarmupCurvature epochs(int epochs) {
        this.epochs = Check.atLeast("epochs", epochs, 1);
        return this;
    }

    /**
     * Length of the warmup in epochs (default 2; must be below the number of epochs when running).
     *
     * @param warmupEpochs ≥ 1
     */
    public WarmupCurvature warmupEpochs(int warmupEpochs) {
        this.warmupEpochs = Check.atLeast("warmupEpochs", warmupEpochs, 1);
        return this;
    }

    /**
     * The rate the warmup starts from (default 0.2, notebook 8's base rate at batch 32).
     *
     * @param startLr &gt; 0
     */
    public WarmupCurvature startLr(double startLr) {
        this.startLr = Check.positive("startLr", startLr);
        return this;
    }

    /**
     * Shows each run's epochs on an updating line.
     *
     * @param progress the display (null for none)
     */
    public WarmupCurvature progress(TrainingProgress progress) {
        this.progress = progress;
        return this;
    }

    /**
     * Each target rate without and with a linear warmup from the start rate: a long table run, target,
     * warmup, epoch (0 = before training), lr (the rate of the epoch's last step), val_loss, sharpness and
     * lr_times_sharpness = η·λ (above 2: beyond a quadratic's stability limit).
     *
     * @param targets the rates trained at after warmup, each &gt; the start rate
     */
    public Table run(double... targets) {
        if (targets == null || targets.length == 0) {
            throw new IllegalArgumentException("targets must not be empty");
        }
        if (warmupEpochs >= epochs) {
            throw new IllegalArgumentException("warmupEpochs must be < epochs " + epochs + ", got " + warmupEpochs);
        }
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
        int stepsPerEpoch = (model.data().rows() + batch - 1) / batch;
        double[] params = model.initialParams(0);
        Sharpness sharpness = Sharpness.of(model).steps(12);
        Model val = model.on(validation);
        Trainer trainer = Trainer.of(model, opt).batchSize(batch).epochs(epochs);
        double[] lastLr = {warm ? startLr : target};
        if (warm) {
            LinearLR ramp = Schedulers.linearLR(opt, startLr / target, 1.0, warmupEpochs * stepsPerEpoch);
            trainer.afterStep(s -> ramp.step());
        }
        trainer.listener(new TrainingListener() {
            @Override
            public void onStart(int epochs, int steps) {
                if (progress != null) {
                    progress.onStart(epochs, steps);
                }
            }

            @Override
            public void onStep(long step, double loss, double lr) {
                lastLr[0] = lr;
                if (progress != null) {
                    progress.onStep(step, loss, lr);
                }
            }

            @Override
            public void onEpoch(EpochStats stats) {
                if (progress != null) {
                    progress.onEpoch(stats);
                }
            }

            @Override
            public void onEnd(TrainingResult result) {
                if (progress != null) {
                    progress.onEnd(result);
                }
            }
        });
        row(t, name, target, warm, 0, lastLr[0], val.value(params), sharpness.largest(params));
        trainer.afterEpoch(e -> {
            row(t, name, target, warm, e, lastLr[0], val.value(params), sharpness.largest(params));
        });
        if (progress != null) {
            progress.stage(name);
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
     */
    public Table initialScales(double lr, int batch, double... scales) {
        Check.positive("lr", lr);
        Check.atLeast("batch", batch, 1);
        if (scales == null || scales.length == 0) {
            throw new IllegalArgumentException("scales must not be empty");
        }
        Table t = Table.create("sharpness in the first epoch").addColumns(DoubleColumn.create("init_scale"),
                DoubleColumn.create("sharpness_at_init"), DoubleColumn.create("sharpness_after_one_epoch"),
                StringColumn.create("direction"));
        Sharpness sharpness = Sharpness.of(model).steps(12);
        for (double s : scales) {
            Check.positive("scale", s);
            double[] params = model.initialParams(0);
            for (int i = 0; i < params.length; i++) {
                params[i] *= s;
            }
            double before = sharpness.largest(params);
            Trainer.of(model, Optimizers.sgd(lr).build()).batchSize(batch).epochs(1).fit(params);
            double after = sharpness.largest(params);
            t.doubleColumn("init_scale").append(s);
            t.doubleColumn("sharpness_at_init").append(before);
            t.doubleColumn("sharpness_after_one_epoch").append(after);
            t.stringColumn("direction").append(after > before ? "rises" : "falls");
        }
        return t;
    }
}
