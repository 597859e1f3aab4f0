package lrlab.trace;

import java.util.Collections;
import java.util.List;
import lrlab.util.Check;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Several gradient-descent runs (one per learning rate), as one long table for grouping and plots. */
public final class Trajectories {

    private final List<Trajectory> runs;

    Trajectories(List<Trajectory> runs) {
        this.runs = Collections.unmodifiableList(runs);
    }

    /**
     * Runs made one by one (e.g. with {@link GradientDescent#run(String, lrlab.optim.Optimizer)}) as one set.
     *
     * @param runs the runs, at least one
     * @return the runs as one set
     */
    public static Trajectories of(Trajectory... runs) {
        Check.that(runs != null && runs.length != 0, () -> "runs must name at least one trajectory, got none");
        for (int i = 0; i < runs.length; i++) {
            int k = i;
            Check.that(runs[k] != null, () -> "runs[" + k + "] must not be null");
        }
        return new Trajectories(List.of(runs));
    }

    /** @return the runs in sweep order */
    public List<Trajectory> runs() {
        return runs;
    }

    /**
     * Run {@code i} of the sweep.
     *
     * @param i the run, in sweep order
     * @return run {@code i} of the sweep
     */
    public Trajectory get(int i) {
        return runs.get(i);
    }

    /** @return the number of runs */
    public int size() {
        return runs.size();
    }

    /** @return one row per run: run, lr, steps made, final w (1-D) or θ norm, final loss, diverged */
    public Table summary() {
        StringColumn run = StringColumn.create("run");
        DoubleColumn lr = DoubleColumn.create("lr");
        IntColumn steps = IntColumn.create("steps");
        DoubleColumn last = DoubleColumn.create("final_w");
        DoubleColumn loss = DoubleColumn.create("final_loss");
        BooleanColumn diverged = BooleanColumn.create("diverged");
        for (Trajectory t : runs) {
            run.append(t.label());
            lr.append(t.lr());
            steps.append(t.steps());
            last.append(t.iterate(t.steps(), 0));
            loss.append(t.finalLoss());
            diverged.append(t.diverged());
        }
        return Table.create("summary", run, lr, steps, last, loss, diverged);
    }

    /** @return all runs stacked: one row per run × step, the column {@code run} naming the run */
    public Table table() {
        Table all = runs.get(0).table().copy();
        for (int i = 1; i < runs.size(); i++) {
            all.append(runs.get(i).table());
        }
        return all.setName("trajectories");
    }
}
