package lrlab.lesson;

import java.util.Map;
import java.util.function.Function;
import lrlab.data.Dataset;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.schedule.ReduceLROnPlateau;
import lrlab.schedule.Scheduler;
import lrlab.train.EpochStats;
import lrlab.train.Trainer;
import lrlab.train.TrainingListener;
import lrlab.train.TrainingResult;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The same training run (plain SGD at one base rate, same data, seed and batches) under several
 * learning-rate schedules, stepped once per epoch, collected in one long table with a column
 * {@code run} naming the schedule: run, epoch, lr, train_loss, val_loss, val_accuracy.
 *
 * <pre>{@code
 * var race = ScheduledTraining.of(LogisticRegression.of(split.train()), split.validation()).lr(0.5).epochs(40);
 * Table runs = race.compare(schedules);     // name -> (optimizer -> scheduler)
 * }</pre>
 */
public final class ScheduledTraining {

    private final Model model;
    private final Dataset validation;
    private double lr = 0.1;
    private int epochs = 30;
    private int batchSize = 32;
    private long seed = 0;

    private ScheduledTraining(Model model, Dataset validation) {
        this.model = model;
        this.validation = validation;
    }

    /** Trains {@code model} (on its data), evaluating {@code validation} after every epoch. */
    public static ScheduledTraining of(Model model, Dataset validation) {
        if (model == null || validation == null) {
            throw new IllegalArgumentException("model and validation data must not be null");
        }
        return new ScheduledTraining(model, validation);
    }

    /** The base learning rate of SGD (finite, > 0; default 0.1). */
    public ScheduledTraining lr(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr must be finite and > 0, got " + lr);
        }
        this.lr = lr;
        return this;
    }

    /** Epochs per run (≥ 1; default 30). */
    public ScheduledTraining epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /** Rows per batch (≥ 1; default 32). */
    public ScheduledTraining batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** Seed of initialisation and shuffling (default 0), the same for every schedule. */
    public ScheduledTraining seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The base rate. */
    public double lr() {
        return lr;
    }

    /** The number of epochs. */
    public int epochs() {
        return epochs;
    }

    /** One run per schedule (in map order; a LinkedHashMap keeps it), each stepped after every epoch. */
    public Table compare(Map<String, ? extends Function<Optimizer, ? extends Scheduler>> schedules) {
        if (schedules == null || schedules.isEmpty()) {
            throw new IllegalArgumentException("compare needs at least one schedule");
        }
        Table all = null;
        for (Map.Entry<String, ? extends Function<Optimizer, ? extends Scheduler>> e : schedules.entrySet()) {
            Optimizer opt = Optimizers.sgd(lr).build();
            Scheduler s = e.getValue().apply(opt);
            Table t = labelled(e.getKey(), trainer(opt).afterEpoch(epoch -> s.step()).fit());
            all = all == null ? t : all.append(t);
        }
        return all.setName("schedules");
    }

    /** One run under ReduceLROnPlateau (factor, patience), stepped on each epoch's validation loss. */
    public Table plateau(String name, double factor, int patience) {
        Optimizer opt = Optimizers.sgd(lr).build();
        ReduceLROnPlateau plateau = ReduceLROnPlateau.builder().factor(factor).patience(patience).build(opt);
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpoch(EpochStats stats) {
                plateau.step(stats.valLoss());
            }
        };
        return labelled(name, trainer(opt).listener(listener).fit());
    }

    /**
     * Per schedule: final train_loss, final val_loss and best val_loss over the epochs, sorted by final
     * train loss.
     */
    public static Table summary(Table runs) {
        Table last = runs.where(runs.intColumn("epoch").isEqualTo(runs.intColumn("epoch").max()));
        Table best = runs.summarize("val_loss", tech.tablesaw.aggregate.AggregateFunctions.min).by("run");
        Table out = last.selectColumns("run", "train_loss", "val_loss")
                .joinOn("run").inner(best);
        out.column(out.columnCount() - 1).setName("best_val_loss");
        return out.sortAscendingOn("train_loss").setName("final epoch");
    }

    private Trainer trainer(Optimizer opt) {
        return Trainer.of(model, opt).validation(validation).batchSize(batchSize).epochs(epochs).seed(seed);
    }

    private static Table labelled(String name, TrainingResult result) {
        Table h = result.history().copy();
        StringColumn col = StringColumn.create("run");
        for (int i = 0; i < h.rowCount(); i++) {
            col.append(name);
        }
        h.insertColumn(0, col);
        return h;
    }
}
