package lrlab.lesson;

import java.util.function.DoubleUnaryOperator;
import lrlab.analysis.OvershootCriterion;
import lrlab.objective.QuadraticForm;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.trace.GradientDescent;
import lrlab.trace.Trajectories;
import lrlab.trace.Trajectory;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tables the lessons read off gradient-descent runs (distances to θ*, iterations to a tolerance, landings). */
public final class Lessons {

    private Lessons() {
    }

    /**
     * The course text's distance criterion step by step for a 1-D run: step, w, distance |w_t − w*|, the ratio
     * |w_t − w*| / |w_{t−1} − w*| (NaN at t = 0) and what the step did (APPROACHING, ZIG_ZAG, DIVERGING…).
     *
     * @param run a gradient-descent run
     * @param wStar the minimiser w*
     * @return the course text's distance criterion step by step for a 1-D run: step, w, distance |w_t − w*|, the ratio |w_t − w*| / |w_{t−1} − w*| (NaN at t = 0) and what the step did (APPROACHING, ZIG_ZAG, DIVERGING…)
     */
    public static Table distances(Trajectory run, double wStar) {
        OvershootCriterion rule = OvershootCriterion.around(wStar);
        double[] w = run.ws();
        double[] ratios = rule.distanceRatios(w);
        IntColumn step = IntColumn.create("step");
        DoubleColumn ws = DoubleColumn.create("w");
        DoubleColumn distance = DoubleColumn.create("distance");
        DoubleColumn ratio = DoubleColumn.create("ratio");
        StringColumn verdict = StringColumn.create("step_was");
        for (int t = 0; t < w.length; t++) {
            step.append(t);
            ws.append(w[t]);
            distance.append(Math.abs(w[t] - wStar));
            ratio.append(t == 0 ? Double.NaN : ratios[t - 1]);
            verdict.append(t == 0 ? "start" : rule.step(w[t - 1], w[t]).name());
        }
        return Table.create(run.label()).addColumns(step, ws, distance, ratio, verdict);
    }

    /**
     * The first t with ‖θ_t − θ*‖ ≤ tol (Euclidean), or −1 if the run never gets there.
     *
     * @param run a gradient-descent run
     * @param tol the tolerance, finite and &gt; 0
     * @param minimizer θ*, one value per coordinate
     * @return the first t with ‖θ_t − θ*‖ ≤ tol (Euclidean), or −1 if the run never gets there
     */
    public static int stepsToTolerance(Trajectory run, double tol, double... minimizer) {
        Check.positive("tol", tol);
        for (int t = 0; t <= run.steps(); t++) {
            double s = 0;
            for (int i = 0; i < minimizer.length; i++) {
                double d = run.iterate(t, i) - minimizer[i];
                s += d * d;
            }
            if (Math.sqrt(s) <= tol) {
                return t;
            }
        }
        return -1;
    }

    /**
     * Iterations to reach ‖θ_t − θ*‖ ≤ tol for each rate (−1: not within the run's step budget), with
     * whether the run diverged: columns lr, iterations, diverged.
     *
     * @param gd the gradient descent to run (its start and step budget)
     * @param tol the tolerance, finite and &gt; 0
     * @param minimizer θ*, one value per coordinate
     * @param lrs the learning rates, each finite and &gt; 0
     * @return iterations to reach ‖θ_t − θ*‖ ≤ tol for each rate (−1: not within the run's step budget), with whether the run diverged: columns lr, iterations, diverged
     */
    public static Table iterationsToTolerance(GradientDescent gd, double tol, double[] minimizer, double... lrs) {
        DoubleColumn lr = DoubleColumn.create("lr");
        IntColumn iterations = IntColumn.create("iterations");
        StringColumn diverged = StringColumn.create("diverged");
        for (double rate : lrs) {
            Trajectory run = gd.run(rate);
            lr.append(rate);
            iterations.append(stepsToTolerance(run, tol, minimizer));
            diverged.append(run.diverged() ? "yes" : "no");
        }
        return Table.create("iterations to " + tol).addColumns(lr, iterations, diverged);
    }

    /**
     * Constant rates on a quadratic form, the factors next to the runs: for each rate, lr, factor_mu
     * |1 − ημ| (the flattest direction), factor_L |1 − ηL| (the stiffest), worst = the larger of the two,
     * and from the run {@code gd} (which must be on {@code form}) the iterations to ‖θ_t − θ*‖ ≤ tol
     * (−1: not within its step budget).
     *
     * @param form the quadratic form
     * @param gd the gradient descent to run (its start and step budget)
     * @param tol the tolerance, finite and &gt; 0
     * @param lrs the learning rates, each finite and &gt; 0
     * @return constant rates on a quadratic form, the factors next to the runs: for each rate, lr, factor_mu |1 − ημ| (the flattest direction), factor_L |1 − ηL| (the stiffest), worst = the larger of the two, and from the run {@code gd} (which must be on {@code form}) the iterations to ‖θ_t − θ*‖ ≤ tol (−1: not within its step budget)
     */
    public static Table factorsAndIterations(QuadraticForm form, GradientDescent gd, double tol, double... lrs) {
        DoubleColumn lr = DoubleColumn.create("lr");
        DoubleColumn flat = DoubleColumn.create("factor_mu");
        DoubleColumn stiff = DoubleColumn.create("factor_L");
        DoubleColumn worst = DoubleColumn.create("worst");
        IntColumn iterations = IntColumn.create("iterations");
        double[] minimizer = form.minimizer();
        for (double rate : lrs) {
            double fm = Math.abs(1 - rate * form.mu());
            double fl = Math.abs(1 - rate * form.L());
            lr.append(rate);
            flat.append(fm);
            stiff.append(fl);
            worst.append(Math.max(fm, fl));
            iterations.append(stepsToTolerance(gd.run(rate), tol, minimizer));
        }
        return Table.create("factors and iterations").addColumns(lr, flat, stiff, worst, iterations);
    }

    /**
     * What momentum buys on an ill-conditioned problem: for each κ, on ½(κ·x0² + x1²) from (1, 1),
     * the iterations to ‖x_t‖ ≤ tol of plain descent at its best rate 2/(L + μ) and of the heavy ball at
     * Polyak's tuning (η = 4/(√L + √μ)², β = ((√κ − 1)/(√κ + 1))²), with their contraction factors
     * (κ − 1)/(κ + 1) and (√κ − 1)/(√κ + 1): columns kappa, plain_factor, plain_iterations,
     * momentum, heavy_ball_factor, heavy_ball_iterations.
     *
     * @param tol the tolerance, finite and &gt; 0
     * @param kappas the condition numbers κ, each ≥ 1
     * @return what momentum buys on an ill-conditioned problem: for each κ, on ½(κ·x0² + x1²) from (1, 1), the iterations to ‖x_t‖ ≤ tol of plain descent at its best rate 2/(L + μ) and of the heavy ball at Polyak's tuning (η = 4/(√L + √μ)², β = ((√κ − 1)/(√κ + 1))²), with their contraction factors (κ − 1)/(κ + 1) and (√κ − 1)/(√κ + 1): columns kappa, plain_factor, plain_iterations, momentum, heavy_ball_factor, heavy_ball_iterations
     */
    public static Table momentumConditioning(double tol, double... kappas) {
        DoubleColumn kappa = DoubleColumn.create("kappa");
        DoubleColumn plainFactor = DoubleColumn.create("plain_factor");
        IntColumn plain = IntColumn.create("plain_iterations");
        DoubleColumn beta = DoubleColumn.create("momentum");
        DoubleColumn ballFactor = DoubleColumn.create("heavy_ball_factor");
        IntColumn ball = IntColumn.create("heavy_ball_iterations");
        for (double k : kappas) {
            QuadraticForm f = stretched(k);
            GradientDescent gd = GradientDescent.on(f).from(1, 1).steps(100_000);
            kappa.append(k);
            plainFactor.append(f.optimalContraction());
            plain.append(stepsToTolerance(gd.run(f.optimalLr()), tol, 0, 0));
            beta.append(f.heavyBallMomentum());
            ballFactor.append(f.heavyBallContraction());
            Optimizer heavy = f.heavyBallMomentum() == 0 ? Optimizers.sgd(f.heavyBallLr()).build()
                    : Optimizers.sgd(f.heavyBallLr()).momentum(f.heavyBallMomentum()).build();
            ball.append(stepsToTolerance(gd.run("heavy ball", heavy), tol, 0, 0));
        }
        return Table.create("momentum and conditioning").addColumns(kappa, plainFactor, plain, beta, ballFactor, ball);
    }

    /**
     * Whether the loss ever went up: per run, run, lr, steps_up (steps with L(θ_t) &gt; L(θ_{t−1})),
     * largest_rise and diverged. A rate below 2/L on an L-smooth loss has steps_up = 0.
     *
     * @param runs gradient-descent runs
     * @return whether the loss ever went up: per run, run, lr, steps_up (steps with L(θ_t) &gt; L(θ_{t−1})), largest_rise and diverged
     */
    public static Table lossRises(Trajectories runs) {
        StringColumn run = StringColumn.create("run");
        DoubleColumn lr = DoubleColumn.create("lr");
        IntColumn ups = IntColumn.create("steps_up");
        DoubleColumn rise = DoubleColumn.create("largest_rise");
        StringColumn diverged = StringColumn.create("diverged");
        for (Trajectory t : runs.runs()) {
            int up = 0;
            double most = 0;
            for (int k = 1; k <= t.steps(); k++) {
                double d = t.loss(k) - t.loss(k - 1);
                if (d > 0) {
                    up++;
                    most = Math.max(most, d);
                }
            }
            run.append(t.label());
            lr.append(t.lr());
            ups.append(up);
            rise.append(most);
            diverged.append(t.diverged() ? "yes" : "no");
        }
        return Table.create("loss rises").addColumns(run, lr, ups, rise, diverged);
    }

    /**
     * Where each 1-D run ended: run, lr, final_w, the minimiser nearest to it ({@code nearest}, e.g.
     * {@code Sine::nearestMinimizer}), the distance to that minimiser and the final loss.
     *
     * @param runs gradient-descent runs
     * @param nearest the minimiser nearest to a point
     * @return where each 1-D run ended: run, lr, final_w, the minimiser nearest to it ({@code nearest}, e.g. {@code Sine::nearestMinimizer}), the distance to that minimiser and the final loss
     */
    public static Table landings(Trajectories runs, DoubleUnaryOperator nearest) {
        StringColumn run = StringColumn.create("run");
        DoubleColumn lr = DoubleColumn.create("lr");
        DoubleColumn last = DoubleColumn.create("final_w");
        DoubleColumn min = DoubleColumn.create("nearest_minimizer");
        DoubleColumn dist = DoubleColumn.create("distance");
        DoubleColumn loss = DoubleColumn.create("final_loss");
        for (Trajectory t : runs.runs()) {
            double w = t.w(t.steps());
            double m = nearest.applyAsDouble(w);
            run.append(t.label());
            lr.append(t.lr());
            last.append(w);
            min.append(m);
            dist.append(Math.abs(w - m));
            loss.append(t.finalLoss());
        }
        return Table.create("landings").addColumns(run, lr, last, min, dist, loss);
    }

    /**
     * The condition number's effect on speed: for each κ, gradient descent at the best constant rate
     * 2/(L + μ) on ½(κ·x0² + x1²) from (1, 1), with columns kappa, optimal_lr, contraction (κ − 1)/(κ + 1),
     * iterations (measured: first t with ‖x_t‖ ≤ tol) and predicted ⌈ln(tol/‖x_0‖) / ln(contraction)⌉.
     *
     * @param tol the tolerance, finite and &gt; 0
     * @param kappas the condition numbers κ, each ≥ 1
     * @return the condition number's effect on speed: for each κ, gradient descent at the best constant rate 2/(L + μ) on ½(κ·x0² + x1²) from (1, 1), with columns kappa, optimal_lr, contraction (κ − 1)/(κ + 1), iterations (measured: first t with ‖x_t‖ ≤ tol) and predicted ⌈ln(tol/‖x_0‖) / ln(contraction)⌉
     */
    public static Table conditioning(double tol, double... kappas) {
        DoubleColumn kappa = DoubleColumn.create("kappa");
        DoubleColumn lr = DoubleColumn.create("optimal_lr");
        DoubleColumn factor = DoubleColumn.create("contraction");
        IntColumn measured = IntColumn.create("iterations");
        IntColumn predicted = IntColumn.create("predicted");
        for (double k : kappas) {
            QuadraticForm f = stretched(k);
            double c = f.optimalContraction();
            Trajectory run = GradientDescent.on(f).from(1, 1).steps(100_000).run(f.optimalLr());
            kappa.append(k);
            lr.append(f.optimalLr());
            factor.append(c);
            measured.append(stepsToTolerance(run, tol, 0, 0));
            predicted.append(c == 0 ? 1 : (int) Math.ceil(Math.log(tol / Math.sqrt(2)) / Math.log(c)));
        }
        return Table.create("conditioning").addColumns(kappa, lr, factor, measured, predicted);
    }

    /** ½(κ·x0² + x1²): the two-dimensional bowl of condition number κ ≥ 1 the conditioning tables run on. */
    private static QuadraticForm stretched(double kappa) {
        Check.that(kappa >= 1 && Double.isFinite(kappa), () -> "kappa must be finite and >= 1, got " + kappa);
        return QuadraticForm.of(new double[][] {{kappa, 0}, {0, 1}});
    }
}
