package lrlab.lesson;

import java.util.Map;
import java.util.function.Function;
import lrlab.data.Dataset;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.schedule.Scheduler;
import lrlab.train.RunSettings;
import lrlab.train.Trainer;
import lrlab.train.TrainingResult;
import lrlab.util.Check;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.Table;

/**
 * The same training run (plain SGD at one base rate, same data, seed and batches) under several
 * learning-rate schedules, each stepped once per epoch through {@link Trainer#scheduler(Scheduler)}
 * (ReduceLROnPlateau on the epoch's validation loss, like any other), collected in one long table with a
 * column {@code run} naming the schedule: run, epoch, lr, train_loss, val_loss, val_accuracy.
 *
 * <pre>{@code
 * var race = ScheduledTraining.of(LinearRegression.of(split.train()), split.validation()).lr(0.5).epochs(40);
 * Table runs = race.compare(schedules);     // name -> (optimizer -> scheduler)
 * }</pre>
 */
public final class ScheduledTraining extends RunSettings<ScheduledTraining> {

    private final Model model;
    private final Dataset validation;
    private double lr = 0.1;

    private ScheduledTraining(Model model, Dataset validation) {
        this.model = model;
        this.validation = validation;
    }

    /**
     * Runs of {@code model} (on its data), evaluating {@code validation} after every epoch.
     *
     * @param model the model on its training rows
     * @param validation held-out rows
     * @return the race, with the shared run defaults until told otherwise
     */
    public static ScheduledTraining of(Model model, Dataset validation) {
        Check.notNull("model", model);
        Check.notNull("validation", validation);
        return new ScheduledTraining(model, validation);
    }

    @Override
    protected ScheduledTraining self() {
        return this;
    }

    /**
     * @param lr the base learning rate of SGD, finite and &gt; 0 (default 0.1)
     * @return this
     */
    public ScheduledTraining lr(double lr) {
        this.lr = Check.positive("lr", lr);
        return this;
    }

    /** @return the base rate */
    public double lr() {
        return lr;
    }

    /**
     * One run per schedule, each on a fresh SGD optimizer at the base rate, the scheduler stepped after
     * every epoch.
     *
     * @param schedules name → (optimizer → scheduler), in the order of the runs (a LinkedHashMap keeps it)
     * @return the histories stacked, a first column {@code run} naming the schedule
     */
    public Table compare(Map<String, ? extends Function<Optimizer, ? extends Scheduler>> schedules) {
        Check.that(schedules != null && !schedules.isEmpty(), () -> "schedules must name at least one schedule, got none");
        Table all = null;
        for (Map.Entry<String, ? extends Function<Optimizer, ? extends Scheduler>> e : schedules.entrySet()) {
            Optimizer opt = Optimizers.sgd(lr).build();
            TrainingResult r = Trainer.of(model, opt).config(config()).validation(validation)
                    .scheduler(e.getValue().apply(opt)).fit();
            Table t = r.table(e.getKey());
            all = all == null ? t : all.append(t);
        }
        return all.setName("schedules");
    }

    /**
     * Per schedule: final train_loss, final val_loss and best val_loss over the epochs.
     *
     * @param runs a {@link #compare} table
     * @return one row per run, sorted by final train loss
     */
    public static Table summary(Table runs) {
        Table last = runs.where(runs.intColumn("epoch").isEqualTo(runs.intColumn("epoch").max()));
        Table best = runs.summarize("val_loss", AggregateFunctions.min).by("run");
        Table out = last.selectColumns("run", "train_loss", "val_loss").joinOn("run").inner(best);
        out.column(out.columnCount() - 1).setName("best_val_loss");
        return out.sortAscendingOn("train_loss").setName("final epoch");
    }
}
