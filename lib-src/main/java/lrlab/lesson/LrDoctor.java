package lrlab.lesson;

import java.util.function.DoubleFunction;
import lrlab.analysis.Diagnosis;
import lrlab.train.TrainingResult;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Diagnose-and-fix loops over a training run given as a function of the learning rate
 * ({@code lr -> Trainer.of(...).fit()}): the library's {@link Diagnosis} of the epoch losses, the treatment
 * it suggests (÷10 when diverged, ×0.5 when oscillating, ×2–10 when stalled), applied round after round.
 */
public final class LrDoctor {

    private LrDoctor() {
    }

    /**
     * The diagnosis of a finished run from its per-epoch training losses.
     *
     * @param run a finished training run
     * @return the diagnosis of a finished run from its per-epoch training losses
     */
    public static Diagnosis diagnose(TrainingResult run) {
        Check.notNull("run", run);
        return Diagnosis.of(run.history().doubleColumn("train_loss").asDoubleArray());
    }

    /**
     * Trains at {@code lr}, diagnoses, multiplies the rate by the suggested factor and repeats until the
     * factor is 1 or {@code maxRounds} runs were made: one row per round with round, lr, verdict, epochs,
     * last_loss and factor (the suggested multiplier).
     *
     * @param train a training run for a learning rate
     * @param lr the learning rate η, finite and &gt; 0
     * @param maxRounds the most rounds, ≥ 1
     * @return trains at {@code lr}, diagnoses, multiplies the rate by the suggested factor and repeats until the factor is 1 or {@code maxRounds} runs were made: one row per round with round, lr, verdict, epochs, last_loss and factor (the suggested multiplier)
     */
    public static Table treat(DoubleFunction<TrainingResult> train, double lr, int maxRounds) {
        Check.positive("lr", lr);
        Check.atLeast("maxRounds", maxRounds, 1);
        IntColumn round = IntColumn.create("round");
        DoubleColumn lrs = DoubleColumn.create("lr");
        StringColumn verdict = StringColumn.create("verdict");
        IntColumn epochs = IntColumn.create("epochs");
        DoubleColumn last = DoubleColumn.create("last_loss");
        DoubleColumn factor = DoubleColumn.create("factor");
        for (int r = 1; r <= maxRounds; r++) {
            TrainingResult run = train.apply(lr);
            Diagnosis d = diagnose(run);
            round.append(r);
            lrs.append(lr);
            verdict.append(d.verdict().name());
            epochs.append(run.epochsCompleted());
            last.append(run.finalTrainLoss());
            factor.append(d.suggestedLrFactor());
            if (d.suggestedLrFactor() == 1.0) {
                break;
            }
            lr *= d.suggestedLrFactor();
        }
        return Table.create("treatment").addColumns(round, lrs, verdict, epochs, last, factor);
    }

    /**
     * One run's training-loss curve named {@code name}: run, epoch, lr, train_loss (append several to compare).
     *
     * @param name the name shown in tables and legends
     * @param run a finished training run
     * @return one run's training-loss curve named {@code name}: run, epoch, lr, train_loss (append several to compare)
     */
    public static Table curve(String name, TrainingResult run) {
        Check.nonBlank("name", name);
        Check.notNull("run", run);
        return run.table(name).selectColumns("run", "epoch", "lr", "train_loss").setName(name);
    }

    /**
     * Per run of a curves table: worst_after_first (the largest epoch loss after epoch 1, where a spike
     * shows), final_train_loss and epochs.
     *
     * @param curves a long table of curves ({@link #curve}, {@link #curves})
     * @return per run of a curves table: worst_after_first (the largest epoch loss after epoch 1, where a spike shows), final_train_loss and epochs
     */
    public static Table spikes(Table curves) {
        StringColumn run = StringColumn.create("run");
        DoubleColumn worst = DoubleColumn.create("worst_after_first");
        DoubleColumn last = DoubleColumn.create("final_train_loss");
        IntColumn epochs = IntColumn.create("epochs");
        for (String name : RunTables.runNames(curves)) {
            Table t = RunTables.rowsOf(curves, name);
            Table later = t.where(t.intColumn("epoch").isGreaterThan(1));
            run.append(name);
            worst.append(later.rowCount() == 0 ? Double.NaN : later.doubleColumn("train_loss").max());
            last.append(t.doubleColumn("train_loss").get(t.rowCount() - 1));
            epochs.append(t.rowCount());
        }
        return Table.create("spikes").addColumns(run, worst, last, epochs);
    }

    /**
     * When each loss was lowest: two rows (train, validation) for the run named {@code name}, with
     * columns run, loss, best_epoch, best_loss, last_loss. A validation loss whose best epoch comes early
     * and whose last value is well above it has stalled; the training row tells why.
     *
     * @param name the name shown in tables and legends
     * @param run a finished training run
     * @return when each loss was lowest: two rows (train, validation) for the run named {@code name}, with columns run, loss, best_epoch, best_loss, last_loss
     */
    public static Table bestEpochs(String name, TrainingResult run) {
        Check.nonBlank("name", name);
        Check.notNull("run", run);
        StringColumn runs = StringColumn.create("run");
        StringColumn loss = StringColumn.create("loss");
        IntColumn bestEpoch = IntColumn.create("best_epoch");
        DoubleColumn best = DoubleColumn.create("best_loss");
        DoubleColumn last = DoubleColumn.create("last_loss");
        Table h = run.history();
        for (String column : new String[] {"train_loss", "val_loss"}) {
            DoubleColumn values = h.doubleColumn(column);
            int at = 0;
            for (int i = 1; i < values.size(); i++) {
                if (values.get(i) < values.get(at)) {
                    at = i;
                }
            }
            runs.append(name);
            loss.append(column.equals("train_loss") ? "train" : "validation");
            bestEpoch.append(h.intColumn("epoch").get(at));
            best.append(values.get(at));
            last.append(values.get(values.size() - 1));
        }
        return Table.create("best epochs").addColumns(runs, loss, bestEpoch, best, last);
    }

    /**
     * The training-loss curves of one run per rate: run ("lr=…"), epoch, lr, train_loss (long format).
     *
     * @param train a training run for a learning rate
     * @param lrs the learning rates, each finite and &gt; 0
     * @return the training-loss curves of one run per rate: run ("lr=…"), epoch, lr, train_loss (long format)
     */
    public static Table curves(DoubleFunction<TrainingResult> train, double... lrs) {
        Check.that(lrs.length != 0, () -> "curves needs at least one learning rate");
        Table all = null;
        for (double lr : lrs) {
            Table h = curve("lr=" + lr, train.apply(lr));
            all = all == null ? h : all.append(h);
        }
        return all.setName("curves");
    }
}
