package lrlab.lesson;

import java.util.Map;
import java.util.function.DoubleFunction;
import lrlab.data.RareFeatures;
import lrlab.model.LogisticRegression;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.train.Trainer;
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
 */
public final class SparseTraining {

    private final RareFeatures problem;
    private final Model model;
    private int epochs = 5;
    private int batchSize = 32;

    private SparseTraining(RareFeatures problem) {
        this.problem = problem;
        this.model = LogisticRegression.of(problem.data());
    }

    /**
     * Logistic regression on all rows of {@code problem}.
     *
     * @param problem the sparse data set and its true weights
     */
    public static SparseTraining on(RareFeatures problem) {
        return new SparseTraining(Check.notNull("problem", problem));
    }

    /**
     * Epochs per run (default 5).
     *
     * @param epochs ≥ 1
     */
    public SparseTraining epochs(int epochs) {
        this.epochs = Check.atLeast("epochs", epochs, 1);
        return this;
    }

    /**
     * Rows per batch (default 32).
     *
     * @param batchSize ≥ 1
     */
    public SparseTraining batchSize(int batchSize) {
        this.batchSize = Check.atLeast("batchSize", batchSize, 1);
        return this;
    }

    /**
     * One run: a table run (the optimizer's name), lr, epoch (0 = initialisation), group ("common" or "rare") and
     * weight_error = mean over the group of |w_j − w*_j|, plus loss (the training loss, the same on both rows
     * of an epoch).
     *
     * @param name the optimizer's label
     * @param lr the rate (recorded only; the optimizer carries its own)
     * @param optimizer a fresh optimizer
     */
    public Table run(String name, double lr, Optimizer optimizer) {
        Check.notNull("name", name);
        Check.notNull("optimizer", optimizer);
        Table t = Table.create(name).addColumns(StringColumn.create("run"), DoubleColumn.create("lr"),
                IntColumn.create("epoch"), StringColumn.create("group"), DoubleColumn.create("weight_error"),
                DoubleColumn.create("loss"));
        double[] params = model.initialParams(0);
        record(t, name, lr, 0, params);
        Trainer.of(model, optimizer).batchSize(batchSize).epochs(epochs)
                .afterEpoch(e -> record(t, name, lr, e, params)).fit(params);
        return t;
    }

    /**
     * For every optimizer of {@code family}: train at each rate, keep the rate with the lowest final training
     * loss, and return that run (the {@link #run} table of each, stacked in the family's order).
     *
     * @param family name → (rate → fresh optimizer)
     * @param rates candidate rates &gt; 0
     */
    public Table compare(Map<String, DoubleFunction<Optimizer>> family, double... rates) {
        if (family == null || family.isEmpty()) {
            throw new IllegalArgumentException("family must not be empty");
        }
        if (rates == null || rates.length == 0) {
            throw new IllegalArgumentException("rates must not be empty");
        }
        Table all = null;
        for (Map.Entry<String, DoubleFunction<Optimizer>> e : family.entrySet()) {
            double best = Double.NaN;
            double bestLoss = Double.POSITIVE_INFINITY;
            for (double lr : rates) {
                Check.positive("rate", lr);
                TrainingResult r = Trainer.of(model, e.getValue().apply(lr)).batchSize(batchSize).epochs(epochs).fit();
                double loss = r.diverged() ? Double.NaN : model.value(r.params());
                if (loss < bestLoss) {
                    bestLoss = loss;
                    best = lr;
                }
            }
            if (Double.isNaN(best)) {
                throw new IllegalArgumentException(e.getKey() + " diverged at every rate " + java.util.Arrays.toString(rates));
            }
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
     */
    public static Table summary(Table runs) {
        int last = (int) runs.intColumn("epoch").max();
        Table end = runs.where(runs.intColumn("epoch").isEqualTo(last));
        Table out = Table.create("after the last epoch").addColumns(StringColumn.create("run"),
                DoubleColumn.create("lr"), DoubleColumn.create("loss"), DoubleColumn.create("common_error"),
                DoubleColumn.create("rare_error"));
        for (String name : new java.util.LinkedHashSet<>(end.stringColumn("run").asList())) {
            Table r = end.where(end.stringColumn("run").isEqualTo(name));
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
