package lrlab.lesson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.DoubleUnaryOperator;
import lrlab.display.Plots;
import lrlab.display.PlotlyFigure;
import lrlab.util.Check;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The stable region of heavy-ball momentum in the (β, η) plane, measured by runs and set against a
 * formula for the limit η(β) (exercise 8): a grid of n × n points β ∈ [0, maxBeta], η ∈ (0, maxLr], each
 * judged by a run and by the formula, and a chart of both.
 *
 * <pre>{@code
 * var region = MomentumRegion.measure(0.95, 1.0, 25, (lr, beta) -> convergesByRun(lr, beta),
 *         beta -> momentumLimit(4.0, beta));
 * Plots.show(MomentumRegion.chart(region, beta -> momentumLimit(4.0, beta)));
 * }</pre>
 */
public final class MomentumRegion {

    /** The verdict words of the by_runs and by_formula columns. */
    public static final String CONVERGES = "converges", DIVERGES = "diverges";

    /** Whether a run with rate {@code lr} and momentum {@code beta} converges. */
    @FunctionalInterface
    public interface RunVerdict {
        /**
         * @param lr the learning rate η
         * @param beta the momentum β
         * @return true when the run converged
         */
        boolean converges(double lr, double beta);
    }

    private MomentumRegion() {
    }

    /**
     * Judges every grid point twice: columns beta, lr, by_runs, by_formula (η &lt; limit(β)) and agree.
     *
     * @param maxBeta largest β on the grid, in [0, 1)
     * @param maxLr largest rate on the grid (&gt; 0); the rates are maxLr·k/n, k = 1..n
     * @param n points per axis (≥ 2)
     * @param byRuns the verdict of a run
     * @param limit the formula's stability limit η(β)
     */
    public static Table measure(double maxBeta, double maxLr, int n, RunVerdict byRuns, DoubleUnaryOperator limit) {
        Check.in("maxBeta", maxBeta, 0, false, 1, true);
        Check.positive("maxLr", maxLr);
        Check.finite("maxLr", maxLr);
        Check.atLeast("n", n, 2);
        Check.notNull("byRuns", byRuns);
        Check.notNull("limit", limit);
        DoubleColumn betas = DoubleColumn.create("beta"), lrs = DoubleColumn.create("lr");
        StringColumn runs = StringColumn.create("by_runs"), formula = StringColumn.create("by_formula");
        BooleanColumn agree = BooleanColumn.create("agree");
        for (int i = 0; i < n; i++) {
            double beta = maxBeta * i / (n - 1);
            double edge = limit.applyAsDouble(beta);
            for (int k = 1; k <= n; k++) {
                double lr = maxLr * k / n;
                boolean run = byRuns.converges(lr, beta), predicted = lr < edge;
                betas.append(beta);
                lrs.append(lr);
                runs.append(run ? CONVERGES : DIVERGES);
                formula.append(predicted ? CONVERGES : DIVERGES);
                agree.append(run == predicted);
            }
        }
        return Table.create("momentum region", betas, lrs, runs, formula, agree);
    }

    /** The grid points where the runs and the formula disagree (same columns as {@link #measure}). */
    public static Table disagreements(Table region) {
        Check.notNull("region", region);
        return region.where(region.booleanColumn("agree").isFalse()).setName("disagreements");
    }

    /**
     * The grid points coloured by the runs' verdict, with the formula's limit η(β) drawn as a line.
     *
     * @param region a table from {@link #measure}
     * @param limit the formula's stability limit η(β)
     */
    public static PlotlyFigure chart(Table region, DoubleUnaryOperator limit) {
        Check.notNull("region", region);
        Check.notNull("limit", limit);
        PlotlyFigure figure = Plots.points("Heavy-ball momentum: where the runs converge", region, "beta", "lr",
                "by_runs").axisTitle("xaxis", "momentum β").axisTitle("yaxis", "learning rate η");
        ObjectNode line = figure.data().addObject();
        line.put("type", "scatter").put("mode", "lines").put("name", "formula: limit η(β)");
        ArrayNode xs = line.putArray("x"), ys = line.putArray("y");
        double maxBeta = region.doubleColumn("beta").max();
        for (int i = 0; i <= 100; i++) {
            double beta = maxBeta * i / 100;
            xs.add(beta);
            ys.add(limit.applyAsDouble(beta));
        }
        return figure;
    }
}
