package lrlab.analysis;

import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Stability of SGD with momentum (torch semantics) on the 1-D quadratic L(w) = a/2 (w − w*)², in closed
 * form and measured by runs.
 *
 * <p>Heavy ball (Polyak 1964), b ← βb + g, w ← w − ηb, makes the error obey
 * e_{t+1} = (1 + β − ηa)·e_t − β·e_{t−1}, whose characteristic polynomial z² − (1 + β − ηa)z + β has
 * both roots inside the unit circle iff 0 ≤ β &lt; 1 and 0 &lt; ηa &lt; 2(1 + β). Nesterov's form as torch
 * writes it, w ← w − η(g + βb), has z² − (1 + β)(1 − ηa)z + β(1 − ηa) and is stable iff
 * ηa &lt; 2(1 + β)/(1 + 2β). On a constant slope the heavy-ball step settles at η·g/(1 − β): the
 * effective learning rate is η/(1 − β). Immutable.
 *
 * <pre>{@code
 * var m = MomentumStability.of(1.0);
 * m.stabilityLimit(0.9);          // 3.8: heavy ball at beta 0.9 is stable up to lr 3.8 on a = 1
 * m.nesterovStabilityLimit(0.9);  // 1.357...
 * m.region(RateSweep.linspace(0.1, 4, 40), betas, false, 1000);   // measured against the formula
 * }</pre>
 */
public final class MomentumStability {

    /** The bound past which a measuring run counts as diverged at once, as in {@code GradientDescent}. */
    static final double BOUND = 1e6;

    private final double a;

    private MomentumStability(double a) {
        this.a = a;
    }

    /**
     * Momentum on the quadratic a/2 (w − w*)² of curvature a.
     *
     * @param a the curvature L''(w), finite and &gt; 0
     */
    public static MomentumStability of(double a) {
        return new MomentumStability(Check.positive("a", a));
    }

    /** The curvature a. */
    public double curvature() {
        return a;
    }

    /** η/(1 − β): the step size per unit gradient that heavy-ball momentum settles at on a constant slope. */
    public static double effectiveLr(double lr, double beta) {
        Check.positive("lr", lr);
        Check.unitHalfOpen("beta", beta);
        return lr / (1 - beta);
    }

    /** 2(1 + β)/a: heavy-ball momentum diverges for learning rates above it (β = 0 gives plain 2/a). */
    public double stabilityLimit(double beta) {
        Check.unitHalfOpen("beta", beta);
        return 2 * (1 + beta) / a;
    }

    /** 2(1 + β)/((1 + 2β)a): torch's Nesterov momentum diverges for learning rates above it. */
    public double nesterovStabilityLimit(double beta) {
        Check.unitHalfOpen("beta", beta);
        return 2 * (1 + beta) / ((1 + 2 * beta) * a);
    }

    /**
     * The heavy-ball error's asymptotic factor per step: the spectral radius, the largest |z| over the
     * roots of z² − (1 + β − ηa)z + β. Below 1 the run converges, above 1 it diverges.
     */
    public double contractionFactor(double lr, double beta) {
        double h = Check.positive("lr", lr) * a;
        Check.unitHalfOpen("beta", beta);
        return spectralRadius(1 + beta - h, beta);
    }

    /** As {@link #contractionFactor} for torch's Nesterov form: roots of z² − (1 + β)(1 − ηa)z + β(1 − ηa). */
    public double nesterovContractionFactor(double lr, double beta) {
        double h = Check.positive("lr", lr) * a;
        Check.unitHalfOpen("beta", beta);
        return spectralRadius((1 + beta) * (1 - h), beta * (1 - h));
    }

    /** max |z| over the roots of z² − trace·z + det. */
    static double spectralRadius(double trace, double det) {
        double disc = trace * trace - 4 * det;
        if (disc < 0) {
            return Math.sqrt(det);
        }
        double s = Math.sqrt(disc);
        return Math.max(Math.abs(trace + s), Math.abs(trace - s)) / 2;
    }

    /**
     * Runs the library's SGD (torch semantics) with this rate and momentum on a/2 w² from w_0 = 1 for
     * {@code steps} steps and reports whether it was stable: it ended closer to the minimum than it
     * started, |w_T| &lt; |w_0|, and never passed 1e6. A run exactly at the limit oscillates forever and
     * counts as unstable, as the strict inequality of the formula says; a finite run can misread points
     * within a few percent of the limit, where the factor is close to 1.
     *
     * @param nesterov torch's Nesterov form instead of the heavy ball (β = 0 is plain SGD either way)
     */
    public boolean stableInRun(double lr, double beta, boolean nesterov, int steps) {
        Check.positive("lr", lr);
        Check.unitHalfOpen("beta", beta);
        Check.atLeast("steps", steps, 1);
        Optimizer opt = beta == 0 ? Optimizers.sgd(lr).build(1)
                : Optimizers.sgd(lr).momentum(beta).nesterov(nesterov).build(1);
        double[] w = {1.0};
        double[] g = new double[1];
        for (int t = 0; t < steps; t++) {
            g[0] = a * w[0];
            opt.step(w, g);
            if (!(Math.abs(w[0]) <= BOUND)) {
                return false;
            }
        }
        return Math.abs(w[0]) < 1.0;
    }

    /**
     * The (η, β) grid measured by runs ({@link #stableInRun}) next to the formula: one row per pair with
     * columns run (the method), beta, lr, lr_times_a, predicted (ηa below the limit) and measured
     * ({@link #stableInRun}), each "stable" or "unstable", and agree ("yes" or "no").
     *
     * @param nesterov torch's Nesterov form instead of the heavy ball
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
            double limit = nesterov ? nesterovStabilityLimit(b) : stabilityLimit(b);
            for (double rate : lrs) {
                boolean formula = rate < limit;
                boolean run = stableInRun(rate, b, nesterov, steps);
                method.append(name);
                beta.append(b);
                lr.append(rate);
                product.append(rate * a);
                predicted.append(formula ? "stable" : "unstable");
                measured.append(run ? "stable" : "unstable");
                agree.append(formula == run ? "yes" : "no");
            }
        }
        return Table.create(name + " region").addColumns(method, beta, lr, product, predicted, measured, agree);
    }

    /** The limits as curves over β: columns beta, heavy_ball_limit, nesterov_limit (learning rates). */
    public Table limits(double... betas) {
        Check.nonEmpty("betas", betas);
        DoubleColumn beta = DoubleColumn.create("beta");
        DoubleColumn heavy = DoubleColumn.create("heavy_ball_limit");
        DoubleColumn nesterov = DoubleColumn.create("nesterov_limit");
        for (double b : betas) {
            beta.append(b);
            heavy.append(stabilityLimit(b));
            nesterov.append(nesterovStabilityLimit(b));
        }
        return Table.create("momentum limits").addColumns(beta, heavy, nesterov);
    }

    @Override
    public String toString() {
        return "MomentumStability[a=" + a + ", plain limit=" + 2 / a + "]";
    }
}
