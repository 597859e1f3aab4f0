package lrlab.lesson;

import java.util.Map;
import java.util.function.DoubleFunction;
import lrlab.data.RareFeatures;
import lrlab.model.LogisticRegression;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.train.EpochStats;
import lrlab.train.RunSettings;
import lrlab.train.Trainer;
import lrlab.train.TrainingListener;
import lrlab.train.TrainingResult;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Training on sparse inputs (notebook 9): logistic regression on a {@link RareFeatures} problem, where the
 * truth w* is known, so how well each weight was learned is its error |w_j − w*_j|. A rare feature's weight
 * gets a gradient only from the few rows where the feature is on; AdaGrad (Duchi, Hazan and Singer 2011)
 * divides by √(Σ g²), which stays small for such a weight, so it takes large steps when its feature does appear.
 *
 * <pre>{@code
 * var sparse = SparseTraining.on(RareFeatures.generate(4000, 10, 10, 0.5, 0.02, 2.0, 0)).epochs(5);
 * Table errors = sparse.compare(OptimizerFamily.of("SGD", "AdaGrad"), 0.03, 0.1, 0.3, 1);
 * }</pre>
 * The run settings are the shared ones ({@link RunSettings}) with this lesson's 5 epochs.
 */
public final class SparseTraining extends RunSettings<SparseTraining> {

    private final RareFeatures problem;
    private final Model model;
    private SparseTraining(RareFeatures problem) {
        this.problem = problem;
        this.model = LogisticRegression.of(problem.data());
        epochs(5);
    }

    @Override
    protected SparseTraining self() {
        return this;
    }

    /**
     * Logistic regression on all rows of {@code problem}.
     *
     * @param problem the sparse data set and its true weights
     * @return the experiment
     */
    public static SparseTraining on(RareFeatures problem) {
        return new SparseTraining(Check.notNull("problem", problem));
    }

    /**
     * One run: a table run (the optimizer's name), lr, epoch (0 = initialisation), group ("common" or "rare") and
     * weight_error = mean over the group of |w_j − w*_j|, plus loss (the training loss, the same on both rows
     * of an epoch).
     *
     * @param name the optimizer's label
     * @param lr the rate (recorded only; the optimizer carries its own)
     * @param optimizer a fresh optimizer
     * @return two rows per epoch
     */
    public Table run(String name, double lr, Optimizer optimizer) {
        Check.notNull("name", name);
        Check.notNull("optimizer", optimizer);
        Table t = Table.create(name).addColumns(StringColumn.create("run"), DoubleColumn.create("lr"),
                IntColumn.create("epoch"), StringColumn.create("group"), DoubleColumn.create("weight_error"),
                DoubleColumn.create("loss"));
        double[] params = model.initialParams(config().seed());
        record(t, name, lr, 0, params);
        Trainer.of(model, optimizer).config(config()).listener(new TrainingListener() {
            @Override
            public void onEpoch(EpochStats stats) {
                record(t, name, lr, stats.epoch(), params);
            }
        }).fit(params);
        return t;
    }

    /**
     * For every optimizer of {@code family}: train at each rate, keep the rate with the lowest final training
     * loss, and return that run (the {@link #run} table of each, stacked in the family's order).
     *
     * @param family name → (rate → fresh optimizer)
     * @param rates candidate rates &gt; 0
     * @return the best run of every optimizer, stacked
     */
    public Table compare(Map<String, DoubleFunction<Optimizer>> family, double... rates) {
        Check.that(family != null && !family.isEmpty(), () -> "family must not be empty");
        Check.nonEmpty("rates", rates);
        Table all = null;
        for (Map.Entry<String, DoubleFunction<Optimizer>> e : family.entrySet()) {
            double best = Double.NaN;
            double bestLoss = Double.POSITIVE_INFINITY;
            for (double lr : rates) {
                Check.positive("rate", lr);
                TrainingResult r = Trainer.of(model, e.getValue().apply(lr)).config(config()).fit();
                double loss = r.diverged() ? Double.NaN : model.value(r.params());
                if (loss < bestLoss) {
                    bestLoss = loss;
                    best = lr;
                }
            }
            Check.that(!Double.isNaN(best), () -> e.getKey() + " diverged at every rate " + java.util.Arrays.toString(rates));
            Table t = run(e.getKey(), best, e.getValue().apply(best));
            all = all == null ? t : all.append(t);
        }
        return all.setName("weight errors at each optimizer's best rate");
    }

    /**
     * The last epoch of a {@link #compare} or {@link #run} table, one row per optimizer: run, lr, loss,
     * common_error, rare_error.
     *
     * @param runs the table (not modified)
     * @return the last epoch of a {@link #compare} or {@link #run} table, one row per optimizer: run, lr, loss, common_error, rare_error
     */
    public static Table summary(Table runs) {
        int last = (int) runs.intColumn("epoch").max();
        Table end = runs.where(runs.intColumn("epoch").isEqualTo(last));
        Table out = Table.create("after the last epoch").addColumns(StringColumn.create("run"),
                DoubleColumn.create("lr"), DoubleColumn.create("loss"), DoubleColumn.create("common_error"),
                DoubleColumn.create("rare_error"));
        for (String name : RunTables.runNames(end)) {
            Table r = RunTables.rowsOf(end, name);
            out.stringColumn("run").append(name);
            out.doubleColumn("lr").append(r.doubleColumn("lr").get(0));
            out.doubleColumn("loss").append(r.doubleColumn("loss").get(0));
            out.doubleColumn("common_error").append(error(r, "common"));
            out.doubleColumn("rare_error").append(error(r, "rare"));
        }
        return out;
    }

    private static double error(Table rows, String group) {
        return rows.where(rows.stringColumn("group").isEqualTo(group)).doubleColumn("weight_error").get(0);
    }

    private void record(Table t, String name, double lr, int epoch, double[] params) {
        double[] truth = problem.trueWeights();
        double loss = model.value(params);
        for (String group : new String[] {"common", "rare"}) {
            double sum = 0;
            int count = 0;
            for (int j = 0; j < truth.length; j++) {
                if (problem.isRare(j) == group.equals("rare")) {
                    sum += Math.abs(params[j] - truth[j]);
                    count++;
                }
            }
            t.stringColumn("run").append(name);
            t.doubleColumn("lr").append(lr);
            t.intColumn("epoch").append(epoch);
            t.stringColumn("group").append(group);
            t.doubleColumn("weight_error").append(count == 0 ? Double.NaN : sum / count);
            t.doubleColumn("loss").append(loss);
        }
    }
}
