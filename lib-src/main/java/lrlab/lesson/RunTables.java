package lrlab.lesson;

import java.util.LinkedHashSet;
import java.util.Set;
import tech.tablesaw.api.Table;

/** What the lesson helpers read off long tables of several runs (the grouping column {@code run}). */
final class RunTables {

    private RunTables() {
    }

    /** The distinct values of column run, in the order they first appear. */
    static Set<String> runNames(Table runs) {
        return new LinkedHashSet<>(runs.stringColumn("run").asList());
    }

    /** The rows of one run. */
    static Table rowsOf(Table runs, String run) {
        return runs.where(runs.stringColumn("run").isEqualTo(run));
    }
}
