package lrlab.lesson;

import java.util.Map;
import lrlab.display.PlotlyFigure;
import lrlab.display.Plots;
import lrlab.display.SubplotGrid;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Loss curves under names of your choosing ("A", "B", ...) instead of their learning rates, for reading
 * runs without knowing how they were made (exercise 4): a long table and one panel per curve, each with
 * its own logarithmic loss axis, so a run that blows up does not flatten the others.
 *
 * <pre>{@code
 * Map<String, double[]> runs = new LinkedHashMap<>();
 * runs.put("A", lossesOfOneRun);
 * Plots.show(LossCurves.panels("Four runs", runs));
 * }</pre>
 */
public final class LossCurves {

    private LossCurves() {
    }

    /**
     * One row per curve × epoch: run (the name), epoch (1, 2, ...), loss.
     *
     * @param curves name → losses, in the order to list them (e.g. a LinkedHashMap)
     * @return one row per curve × epoch: run (the name), epoch (1, 2, ...), loss
     */
    public static Table table(Map<String, double[]> curves) {
        check(curves);
        StringColumn run = StringColumn.create("run");
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn loss = DoubleColumn.create("loss");
        curves.forEach((name, losses) -> {
            for (int i = 0; i < losses.length; i++) {
                run.append(name);
                epoch.append(i + 1);
                loss.append(losses[i]);
            }
        });
        return Table.create("loss curves", run, epoch, loss);
    }

    /**
     * One panel per curve, two panels a row, titled "run NAME", loss on a log axis against the epoch.
     *
     * @param title the figure's title
     * @param curves name → losses (finite values are drawn; a non-finite loss ends the line)
     * @return one panel per curve, two panels a row, titled "run NAME", loss on a log axis against the epoch
     */
    public static PlotlyFigure panels(String title, Map<String, double[]> curves) {
        Table all = table(curves);
        int columns = Math.min(2, curves.size());
        SubplotGrid grid = SubplotGrid.of((curves.size() + columns - 1) / columns, columns);
        for (String name : curves.keySet()) {
            Table one = RunTables.rowsOf(all, name).setName("run " + name);
            grid.add(Plots.lines("run " + name, one, "epoch", "loss", "run").logY());
        }
        return grid.figure(title);
    }

    private static void check(Map<String, double[]> curves) {
        Check.notNull("curves", curves);
        Check.that(!curves.isEmpty(), () -> "curves must hold at least one named loss curve, got none");
        curves.forEach((name, losses) -> {
            Check.nonBlank("curve name", name);
            Check.nonEmpty("losses of run " + name, losses);
        });
    }
}
