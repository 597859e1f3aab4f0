package lrlab.lesson;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import lrlab.analysis.NoiseFloor;
import lrlab.model.LinearRegression;
import lrlab.objective.QuadraticForm;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.schedule.ReduceLROnPlateau;
import lrlab.schedule.Scheduler;
import lrlab.train.EpochStats;
import lrlab.train.RunSettings;
import lrlab.train.Trainer;
import lrlab.train.TrainingListener;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Notebook 05b's runs: mini-batch SGD on a linear regression whose least-squares minimum L* is known,
 * with the full training loss recorded after the steps, so the excess L(θ_t) − L* shows the noise floor
 * of a constant rate and what decaying schedules do to it. Batches are drawn with replacement unless
 * told otherwise (the textbook noise model, see {@link Trainer#sampleWithReplacement}); every run starts
 * from the same initialisation and draws the same batches.
 *
 * <p>Tables are long: run, step, epoch, lr, loss, excess; one row every {@link #recordEvery} steps. The run
 * settings are the shared ones ({@link RunSettings}) with this lesson's batches of 8 and 40 epochs.
 */
public final class NoisyTraining extends RunSettings<NoisyTraining> {

    private final LinearRegression model;
    private final double minimum;
    private final double[] curvatures;
    private int every = 8;
    private boolean withReplacement = true;

    private NoisyTraining(LinearRegression model) {
        this.model = model;
        QuadraticForm h = model.curvature();
        this.curvatures = h.eigenvalues();
        this.minimum = model.value(h.minimizer());
        batchSize(8).epochs(40);
    }

    @Override
    protected NoisyTraining self() {
        return this;
    }

    /**
     * Runs on {@code model}'s data (its least-squares minimum is computed once, here).
     *
     * @param model the model
     * @return the lesson's runs on {@code model}, to configure
     */
    public static NoisyTraining of(LinearRegression model) {
        return new NoisyTraining(Check.notNull("model", model));
    }

    /**
     * Keep one row every k ≥ 1 steps (default 8); the plateau scheduler still sees every step.
     *
     * @param k the steps between two recorded rows, ≥ 1
     * @return this
     */
    public NoisyTraining recordEvery(int k) {
        this.every = Check.atLeast("recordEvery", k, 1);
        return this;
    }

    /**
     * Batches drawn with replacement (default true, the model behind the floor's formula) or, with false,
     * torch's reshuffled epochs, which visit every row once per epoch and cancel part of the noise.
     *
     * @param withReplacement whether to draw with replacement
     * @return this
     */
    public NoisyTraining withReplacement(boolean withReplacement) {
        this.withReplacement = withReplacement;
        return this;
    }

    /** @return L*, the least-squares mean squared error of the training data */
    public double minimumLoss() {
        return minimum;
    }

    /** @return the eigenvalues of the loss's Hessian, ascending (the curvatures) */
    public double[] curvatures() {
        return curvatures.clone();
    }

    /** @return steps per epoch, ⌈n/B⌉ */
    public int stepsPerEpoch() {
        return config().stepsPerEpoch(model.rows());
    }

    /**
     * One run per constant rate, named {@code lr=…}.
     *
     * @param lrs the learning rates, each finite and &gt; 0
     * @return one run per constant rate, named {@code lr=…}
     */
    public Table constant(double... lrs) {
        Check.nonEmpty("lrs", lrs);
        Table all = null;
        for (double lr : lrs) {
            Table t = run("lr=" + lr, Optimizers.sgd(lr).build(), null, null);
            all = all == null ? t : all.append(t);
        }
        return all.setName("constant rates");
    }

    /**
     * One run per schedule at base rate {@code baseLr}, each scheduler stepped after every optimizer
     * step (so its t counts steps, not epochs).
     *
     * @param baseLr the base learning rate η₀, finite and &gt; 0
     * @param schedules name → (optimizer → scheduler), in the order of the runs
     * @return one run per schedule at base rate {@code baseLr}, each scheduler stepped after every optimizer step (so its t counts steps, not epochs)
     */
    public Table scheduled(double baseLr, Map<String, ? extends Function<Optimizer, ? extends Scheduler>> schedules) {
        Check.positive("baseLr", baseLr);
        Check.that(schedules != null && !schedules.isEmpty(), () -> "schedules must name at least one schedule, got none");
        Table all = null;
        for (var e : schedules.entrySet()) {
            Optimizer opt = Optimizers.sgd(baseLr).build();
            Scheduler s = e.getValue().apply(opt);
            Table t = run(e.getKey(), opt, s, Trainer.Every.BATCH);
            all = all == null ? t : all.append(t);
        }
        return all.setName("schedules");
    }

    /**
     * One run under ReduceLROnPlateau (MIN mode, {@code factor}, {@code patience} epochs), stepped by the
     * trainer after every epoch on that epoch's mean full training loss (the loss on all rows after each of
     * its steps, a steadier signal than the batch losses; see {@link Trainer#schedulerMetric}).
     *
     * @param name the run's name
     * @param baseLr the base learning rate η₀, finite and &gt; 0
     * @param factor the factor by which a plateau multiplies the rate, in (0, 1)
     * @param patience the epochs without improvement tolerated before a cut, ≥ 0
     * @return the run's rows: run, step, epoch, lr, loss, excess
     */
    public Table plateau(String name, double baseLr, double factor, int patience) {
        Check.nonBlank("name", name);
        Optimizer opt = Optimizers.sgd(Check.positive("baseLr", baseLr)).build();
        ReduceLROnPlateau p = ReduceLROnPlateau.builder().factor(factor).patience(patience).build(opt);
        return run(name, opt, p, Trainer.Every.EPOCH);
    }

    /**
     * The noise floor of each constant-rate run: run, lr, floor (mean excess over the last half of the
     * run, {@link NoiseFloor#measure}), floor_over_lr, predicted ({@link NoiseFloor#leastSquares}).
     *
     * @param constantRuns a table of constant-rate runs
     * @return the noise floor of each constant-rate run: run, lr, floor (mean excess over the last half of the run, {@link NoiseFloor#measure}), floor_over_lr, predicted ({@link NoiseFloor#leastSquares})
     */
    public Table floors(Table constantRuns) {
        StringColumn run = StringColumn.create("run");
        DoubleColumn lr = DoubleColumn.create("lr");
        DoubleColumn floor = DoubleColumn.create("floor");
        DoubleColumn perLr = DoubleColumn.create("floor_over_lr");
        DoubleColumn predicted = DoubleColumn.create("predicted");
        for (String name : RunTables.runNames(constantRuns)) {
            Table t = RunTables.rowsOf(constantRuns, name);
            double rate = t.doubleColumn("lr").get(0);
            double f = NoiseFloor.measure(t.doubleColumn("excess").asDoubleArray(), 0.0, 0.5);
            run.append(name);
            lr.append(rate);
            floor.append(f);
            perLr.append(f / rate);
            predicted.append(NoiseFloor.leastSquares(rate, config().batchSize(), minimum, curvatures));
        }
        return Table.create("noise floors").addColumns(run, lr, floor, perLr, predicted);
    }

    /**
     * Per run: final_excess (the mean excess over the last epoch's rows), lowest_excess (the lowest
     * recorded) and final_lr, sorted by final excess.
     *
     * @param runs a table of these runs
     * @return per run: final_excess (the mean excess over the last epoch's rows), lowest_excess (the lowest recorded) and final_lr, sorted by final excess
     */
    public Table summary(Table runs) {
        StringColumn run = StringColumn.create("run");
        DoubleColumn last = DoubleColumn.create("final_excess");
        DoubleColumn best = DoubleColumn.create("lowest_excess");
        DoubleColumn lastLr = DoubleColumn.create("final_lr");
        for (String name : RunTables.runNames(runs)) {
            Table t = RunTables.rowsOf(runs, name);
            int lastEpoch = (int) t.intColumn("epoch").max();
            Table tail = t.where(t.intColumn("epoch").isEqualTo(lastEpoch));
            run.append(name);
            last.append(tail.doubleColumn("excess").mean());
            best.append(t.doubleColumn("excess").min());
            lastLr.append(t.doubleColumn("lr").get(t.rowCount() - 1));
        }
        return Table.create("final epoch").addColumns(run, last, best, lastLr).sortAscendingOn("final_excess");
    }

    private Table run(String name, Optimizer opt, Scheduler scheduler, Trainer.Every when) {
        double[] params = model.initialParams(config().seed());
        int capacity = config().totalSteps(model.rows()) / every + 1;
        int[] step = new int[capacity];
        int[] epoch = new int[capacity];
        double[] lr = new double[capacity];
        double[] loss = new double[capacity];
        int[] rows = {0};
        double[] epochSum = {0};
        int[] epochSteps = {0};
        double[] epochMean = {Double.NaN};
        int[] currentEpoch = {1};
        TrainingListener recorder = new TrainingListener() {
            /** The full training loss after every step; one row every {@code every} steps. */
            @Override
            public void onStep(long s, double batchLoss, double rate) {
                double l = model.value(params);
                epochSum[0] += l;
                epochSteps[0]++;
                if (s % every == 0 && rows[0] < capacity) {
                    step[rows[0]] = (int) s;
                    epoch[rows[0]] = currentEpoch[0];
                    lr[rows[0]] = rate;
                    loss[rows[0]++] = l;
                }
            }

            /** The epoch's mean full training loss, the metric of a per-epoch scheduler. */
            @Override
            public void onEpoch(EpochStats stats) {
                epochMean[0] = epochSum[0] / epochSteps[0];
                epochSum[0] = 0;
                epochSteps[0] = 0;
                currentEpoch[0] = stats.epoch() + 1;
            }
        };
        Trainer trainer = Trainer.of(model, opt).config(config()).sampleWithReplacement(withReplacement).listener(recorder)
                .schedulerMetric(stats -> epochMean[0]);
        if (scheduler != null) {
            trainer.scheduler(scheduler, when);
        }
        trainer.fit(params);
        int n = rows[0];
        StringColumn run = StringColumn.create("run", n);
        DoubleColumn excess = DoubleColumn.create("excess", n);
        for (int i = 0; i < n; i++) {
            run.set(i, name);
            excess.set(i, loss[i] - minimum);
        }
        return Table.create(name).addColumns(run, IntColumn.create("step", Arrays.copyOf(step, n)),
                IntColumn.create("epoch", Arrays.copyOf(epoch, n)), DoubleColumn.create("lr", Arrays.copyOf(lr, n)),
                DoubleColumn.create("loss", Arrays.copyOf(loss, n)), excess);
    }
}
