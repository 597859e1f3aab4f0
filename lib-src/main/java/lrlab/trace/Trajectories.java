package lrlab.trace;

import java.util.Collections;
import java.util.List;
import tech.tablesaw.api.Table;

/** Several gradient-descent runs (one per learning rate), as one long table for grouping and plots. */
public final class Trajectories {

    private final List<Trajectory> runs;

    Trajectories(List<Trajectory> runs) {
        this.runs = Collections.unmodifiableList(runs);
    }

    /** The runs in sweep order. */
    public List<Trajectory> runs() {
        return runs;
    }

    /** Run {@code i} of the sweep. */
    public Trajectory get(int i) {
        return runs.get(i);
    }

    /** The number of runs. */
    public int size() {
        return runs.size();
    }

    /** All runs stacked: one row per run × step, the column {@code run} naming the run. */
    public Table table() {
        Table all = runs.get(0).table().copy();
        for (int i = 1; i < runs.size(); i++) {
            all.append(runs.get(i).table());
        }
        return all.setName("trajectories");
    }
}
