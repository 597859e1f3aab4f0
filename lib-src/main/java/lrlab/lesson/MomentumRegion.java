package lrlab.lesson;

import java.util.function.DoubleUnaryOperator;
import lrlab.analysis.MomentumStability;
import lrlab.display.Plots;
import lrlab.display.PlotlyFigure;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The stable region of momentum in the (β, η) plane as a student's own code sees it (exercise 2b): every
 * grid point judged by the student's run and by the student's formula for the limit, in the columns and
 * words of {@link MomentumStability#region} (which judges the library's own runs), and a chart of both.
 *
 * <pre>{@code
 * var region = MomentumRegion.measure(RateSweep.linspace(0.04, 1, 25), RateSweep.linspace(0, 0.95, 25),
 *         (lr, beta) -> convergesByRun(lr, beta), beta -> momentumLimit(4.0, beta));
 * Plots.show(MomentumRegion.chart(region, beta -> momentumLimit(4.0, beta)));
 * }</pre>
 */
public final class MomentumRegion {

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
     * One row per (β, η): columns beta, lr, predicted (η below limit(β)), measured (the run's verdict), each
     * "stable" or "unstable", and agree ("yes" or "no").
     *
     * @param lrs the rates η of the grid
     * @param betas the momenta β of the grid
     * @param byRuns the verdict of a run
     * @param limit the formula's stability limit η(β)
     */
    public static Table measure(double[] lrs, double[] betas, RunVerdict byRuns, DoubleUnaryOperator limit) {
        Check.nonEmpty("lrs", lrs);
        Check.nonEmpty("betas", betas);
        Check.notNull("byRuns", byRuns);
        Check.notNull("limit", limit);
        DoubleColumn beta = DoubleColumn.create("beta"), lr = DoubleColumn.create("lr");
        StringColumn predicted = StringColumn.create("predicted"), measured = StringColumn.create("measured");
        StringColumn agree = StringColumn.create("agree");
        for (double b : betas) {
            double edge = limit.applyAsDouble(b);
            for (double rate : lrs) {
                boolean formula = rate < edge, run = byRuns.converges(rate, b);
                beta.append(b);
                lr.append(rate);
                predicted.append(formula ? "stable" : "unstable");
                measured.append(run ? "stable" : "unstable");
                agree.append(formula == run ? "yes" : "no");
            }
        }
        return Table.create("momentum region").addColumns(beta, lr, predicted, measured, agree);
    }

    /** The grid points where the run and the formula disagree (same columns as {@link #measure}). */
    public static Table disagreements(Table region) {
        Check.notNull("region", region);
        return region.where(region.stringColumn("agree").isEqualTo("no")).setName("disagreements");
    }

    /**
     * The grid points coloured by the runs' verdict, with the formula's limit η(β) drawn as a line over the
     * region's β range.
     *
     * @param region a table from {@link #measure}
     * @param limit the formula's stability limit η(β)
     */
    public static PlotlyFigure chart(Table region, DoubleUnaryOperator limit) {
        Check.notNull("region", region);
        Check.notNull("limit", limit);
        PlotlyFigure figure = Plots.points("Momentum: where the runs converge", region, "beta", "lr", "measured")
                .axisTitle("xaxis", "momentum β").axisTitle("yaxis", "learning rate η");
        double lo = region.doubleColumn("beta").min(), hi = region.doubleColumn("beta").max();
        double[] betas = new double[101], limits = new double[101];
        for (int i = 0; i <= 100; i++) {
            betas[i] = lo + (hi - lo) * i / 100;
            limits[i] = limit.applyAsDouble(betas[i]);
        }
        return Plots.withLine(figure, "formula: limit η(β)", betas, limits);
    }
}
