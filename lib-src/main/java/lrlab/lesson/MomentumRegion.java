package lrlab.lesson;

import java.util.function.DoubleUnaryOperator;
import lrlab.display.PlotlyFigure;
import lrlab.display.Plots;
import lrlab.objective.Quadratic;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.trace.GradientDescent;
import lrlab.trace.Trajectory;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The stable region of momentum in the (β, η) plane: every grid point judged by a run and by a formula for
 * the limit. {@link #measure} takes any run and any formula (a student's own, in exercise 2b);
 * {@link #on(Quadratic)} judges the library's SGD (torch semantics) on a quadratic a/2 w² against the
 * quadratic's own limits ({@link Quadratic#heavyBallStabilityLimit}, {@link Quadratic#nesterovStabilityLimit}),
 * notebook 3b's map.
 *
 * <pre>{@code
 * var m = MomentumRegion.on(Quadratic.of(1.0));
 * table(m.limits(0.0, 0.5, 0.9, 0.99));
 * var heavy = m.region(RateSweep.linspace(0.1, 4, 40), betas, false, 1000);   // the library's runs
 * var mine = MomentumRegion.measure(lrs, betas, (lr, beta) -> convergesByRun(lr, beta), beta -> momentumLimit(4.0, beta));
 * Plots.show(MomentumRegion.chart(mine, beta -> momentumLimit(4.0, beta)));
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

    private final Quadratic quadratic;

    private MomentumRegion(Quadratic quadratic) {
        this.quadratic = quadratic;
    }

    /**
     * Runs on {@code quadratic} (its curvature decides the limits; the runs start one unit from its minimiser).
     *
     * @param quadratic the loss
     * @return the region to measure
     */
    public static MomentumRegion on(Quadratic quadratic) {
        return new MomentumRegion(Check.notNull("quadratic", quadratic));
    }

    /**
     * One run of SGD with this rate and momentum from w_0 = w* + 1 for {@code steps} steps
     * ({@code GradientDescent.run(label, optimizer)}): stable when it ended closer to the minimum than it
     * started, |w_T − w*| &lt; 1, and was never stopped as diverged (|w| past 1e6). A run exactly at the
     * limit oscillates forever and counts as unstable, as the strict inequality of the formula says; a
     * finite run can misread points within a few percent of the limit, where the factor is close to 1.
     *
     * @param lr the learning rate, finite and &gt; 0
     * @param beta the momentum in [0, 1) (0: plain SGD)
     * @param nesterov torch's Nesterov form instead of the heavy ball
     * @param steps the steps of the run, ≥ 1
     * @return whether the run was stable
     */
    public boolean stableInRun(double lr, double beta, boolean nesterov, int steps) {
        Check.positive("lr", lr);
        Check.unitHalfOpen("beta", beta);
        Optimizer opt = beta == 0 ? Optimizers.sgd(lr).build(1)
                : Optimizers.sgd(lr).momentum(beta).nesterov(nesterov).build(1);
        double w0 = quadratic.minimizer() + 1.0;
        Trajectory run = GradientDescent.on(quadratic).from(w0).steps(steps).run("run", opt);
        return !run.diverged() && Math.abs(run.w(run.steps()) - quadratic.minimizer()) < 1.0;
    }

    /**
     * The (η, β) grid measured by runs ({@link #stableInRun}) next to the formula: {@link #measure} with this
     * quadratic's runs and limit, plus the method's name and ηa.
     *
     * @param lrs the learning rates
     * @param betas the momenta
     * @param nesterov torch's Nesterov form instead of the heavy ball
     * @param steps the steps of every run
     * @return one row per pair: run (the method), beta, lr, lr_times_a, predicted (ηa below the limit) and
     *         measured, each "stable" or "unstable", and agree ("yes" or "no")
     */
    public Table region(double[] lrs, double[] betas, boolean nesterov, int steps) {
        String name = nesterov ? "nesterov" : "heavy ball";
        Table t = measure(lrs, betas, (lr, beta) -> stableInRun(lr, beta, nesterov, steps),
                beta -> nesterov ? quadratic.nesterovStabilityLimit(beta) : quadratic.heavyBallStabilityLimit(beta));
        String[] run = new String[t.rowCount()];
        java.util.Arrays.fill(run, name);
        t.insertColumn(0, StringColumn.create("run", run));
        t.insertColumn(3, t.doubleColumn("lr").multiply(quadratic.curvature()).setName("lr_times_a"));
        return t.setName(name + " region");
    }

    /**
     * The limits as curves over β.
     *
     * @param betas the momenta, each in [0, 1)
     * @return columns beta, heavy_ball_limit, nesterov_limit (learning rates)
     */
    public Table limits(double... betas) {
        Check.nonEmpty("betas", betas);
        DoubleColumn beta = DoubleColumn.create("beta");
        DoubleColumn heavy = DoubleColumn.create("heavy_ball_limit");
        DoubleColumn nesterov = DoubleColumn.create("nesterov_limit");
        for (double b : betas) {
            beta.append(b);
            heavy.append(quadratic.heavyBallStabilityLimit(b));
            nesterov.append(quadratic.nesterovStabilityLimit(b));
        }
        return Table.create("momentum limits").addColumns(beta, heavy, nesterov);
    }

    /**
     * One row per (β, η): columns beta, lr, predicted (η below limit(β)), measured (the run's verdict), each
     * "stable" or "unstable", and agree ("yes" or "no").
     *
     * @param lrs the rates η of the grid
     * @param betas the momenta β of the grid
     * @param byRuns the verdict of a run
     * @param limit the formula's stability limit η(β)
     * @return one row per (β, η): columns beta, lr, predicted (η below limit(β)), measured (the run's verdict), each "stable" or "unstable", and agree ("yes" or "no")
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

    /**
     * The grid points where the run and the formula disagree (same columns as {@link #measure}).
     *
     * @param region a table from {@link #measure}
     * @return the grid points where the run and the formula disagree (same columns as {@link #measure})
     */
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
     * @return the grid points coloured by the runs' verdict, with the formula's limit η(β) drawn as a line over the region's β range
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
