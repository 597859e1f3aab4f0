package lrlab.lesson;

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
 * Notebook 3b's map of momentum's stable region: the library's SGD (torch semantics) run on a quadratic
 * a/2 w² at a grid of learning rates and momenta, each run judged stable or not, next to the quadratic's
 * formulas ({@link Quadratic#heavyBallStabilityLimit}, {@link Quadratic#nesterovStabilityLimit}).
 *
 * <pre>{@code
 * var m = MomentumRegion.on(Quadratic.of(1.0));
 * table(m.limits(0.0, 0.5, 0.9, 0.99));
 * var heavy = m.region(RateSweep.linspace(0.1, 4, 40), betas, false, 1000);   // measured against the formula
 * }</pre>
 */
public final class MomentumRegion {

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
     * The (η, β) grid measured by runs ({@link #stableInRun}) next to the formula.
     *
     * @param lrs the learning rates
     * @param betas the momenta
     * @param nesterov torch's Nesterov form instead of the heavy ball
     * @param steps the steps of every run
     * @return one row per pair: run (the method), beta, lr, lr_times_a, predicted (ηa below the limit) and
     *         measured, each "stable" or "unstable", and agree ("yes" or "no")
     */
    public Table region(double[] lrs, double[] betas, boolean nesterov, int steps) {
        Check.nonEmpty("lrs", lrs);
        Check.nonEmpty("betas", betas);
        String name = nesterov ? "nesterov" : "heavy ball";
        StringColumn method = StringColumn.create("run");
        DoubleColumn beta = DoubleColumn.create("beta");
        DoubleColumn lr = DoubleColumn.create("lr");
        DoubleColumn product = DoubleColumn.create("lr_times_a");
        StringColumn predicted = StringColumn.create("predicted");
        StringColumn measured = StringColumn.create("measured");
        StringColumn agree = StringColumn.create("agree");
        for (double b : betas) {
            double limit = nesterov ? quadratic.nesterovStabilityLimit(b) : quadratic.heavyBallStabilityLimit(b);
            for (double rate : lrs) {
                boolean formula = rate < limit;
                boolean run = stableInRun(rate, b, nesterov, steps);
                method.append(name);
                beta.append(b);
                lr.append(rate);
                product.append(rate * quadratic.curvature());
                predicted.append(formula ? "stable" : "unstable");
                measured.append(run ? "stable" : "unstable");
                agree.append(formula == run ? "yes" : "no");
            }
        }
        return Table.create(name + " region").addColumns(method, beta, lr, product, predicted, measured, agree);
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
}
