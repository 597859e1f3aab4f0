package lrlab.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lrlab.objective.Objective;
import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * Plain gradient descent θ_{t+1} = θ_t − η∇L(θ_t), recorded step by step: the course text's loop, as a fluent
 * call a student can type ({@code GradientDescent.on(L).from(7).steps(15).sweep(0.1, 0.5)}).
 *
 * <p>A run stops early, flagged as diverged, at the first iterate that is not finite or whose size
 * passes {@link #divergenceBound(double)} ({@link Recorder#DEFAULT_BOUND} = 1e6 by default, the oracle's cut).
 */
public final class GradientDescent {

    private final Objective objective;
    private final double[] start;
    private final int steps;
    private final double bound;

    private GradientDescent(Objective objective, double[] start, int steps, double bound) {
        this.objective = objective;
        this.start = start;
        this.steps = steps;
        this.bound = bound;
    }

    /** Gradient descent on {@code objective}, from the origin, for 10 steps until told otherwise. */
    public static GradientDescent on(Objective objective) {
        Check.notNull("objective", objective);
        return new GradientDescent(objective, new double[objective.dimension()], 10, Recorder.DEFAULT_BOUND);
    }

    /** Starts from θ_0 = {@code start} (its length must equal the objective's dimension). */
    public GradientDescent from(double... start) {
        if (start.length != objective.dimension()) {
            throw new IllegalArgumentException("start has " + start.length + " values but " + objective
                    + " has dimension " + objective.dimension());
        }
        for (double v : start) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("start must be finite, got " + Arrays.toString(start));
            }
        }
        return new GradientDescent(objective, start.clone(), steps, bound);
    }

    /** Runs {@code steps} updates (≥ 1). */
    public GradientDescent steps(int steps) {
        Check.atLeast("steps", steps, 1);
        return new GradientDescent(objective, start, steps, bound);
    }

    /** Stops a run, flagged as diverged, once an iterate's largest |θ_i| exceeds {@code bound}. */
    public GradientDescent divergenceBound(double bound) {
        Check.positiveOrInfinite("bound", bound);
        return new GradientDescent(objective, start, steps, bound);
    }

    /** One run at learning rate {@code lr}. */
    public Trajectory run(double lr) {
        Check.positive("lr", lr);
        int d = objective.dimension();
        double[] iterates = new double[(steps + 1) * d];
        double[] losses = new double[steps + 1];
        double[] theta = start.clone();
        double[] grad = new double[d];
        System.arraycopy(theta, 0, iterates, 0, d);
        losses[0] = objective.value(theta);
        int done = 0;
        boolean diverged = false;
        while (done < steps) {
            objective.valueAndGradient(theta, grad);
            double size = 0;
            for (int i = 0; i < d; i++) {
                theta[i] -= lr * grad[i];
                size = Math.max(size, Math.abs(theta[i]));
            }
            done++;
            System.arraycopy(theta, 0, iterates, done * d, d);
            losses[done] = objective.value(theta);
            // NaN fails every comparison, so !(size <= bound) also catches non-finite iterates
            if (!(size <= bound) || !Double.isFinite(losses[done])) {
                diverged = true;
                break;
            }
        }
        return new Trajectory(lr, d, done, Arrays.copyOf(iterates, (done + 1) * d),
                Arrays.copyOf(losses, done + 1), diverged);
    }

    /**
     * One run with any optimizer instead of plain descent (momentum, Adam, a clipped optimizer …): each
     * step computes ∇L(θ_t) and calls {@code optimizer.step}, recorded like {@link #run(double)}; the
     * rate recorded is the optimizer's group-0 rate at the start. The optimizer is stepped as given:
     * pass a fresh one (or {@code reset()} it) per run.
     *
     * @param label the run's name in tables and legends, e.g. {@code "momentum 0.9"}
     */
    public Trajectory run(String label, Optimizer optimizer) {
        Check.nonBlank("label", label);
        Check.notNull("optimizer", optimizer);
        int d = objective.dimension();
        double[] iterates = new double[(steps + 1) * d];
        double[] losses = new double[steps + 1];
        double[] theta = start.clone();
        double[] grad = new double[d];
        double lr = optimizer.lr();
        System.arraycopy(theta, 0, iterates, 0, d);
        losses[0] = objective.value(theta);
        int done = 0;
        boolean diverged = false;
        while (done < steps) {
            objective.valueAndGradient(theta, grad);
            optimizer.step(theta, grad);
            double size = 0;
            for (int i = 0; i < d; i++) {
                size = Math.max(size, Math.abs(theta[i]));
            }
            done++;
            System.arraycopy(theta, 0, iterates, done * d, d);
            losses[done] = objective.value(theta);
            if (!(size <= bound) || !Double.isFinite(losses[done])) {
                diverged = true;
                break;
            }
        }
        return new Trajectory(label, lr, d, done, Arrays.copyOf(iterates, (done + 1) * d),
                Arrays.copyOf(losses, done + 1), diverged);
    }

    /** One run per learning rate, in the order given. */
    public Trajectories sweep(double... lrs) {
        Check.nonEmpty("lrs", lrs);
        List<Trajectory> runs = new ArrayList<>(lrs.length);
        for (double lr : lrs) {
            runs.add(run(lr));
        }
        return new Trajectories(runs);
    }
}
