package lrlab.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lrlab.objective.BatchObjective;
import lrlab.objective.Objective;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.train.BatchLoop;
import lrlab.util.Check;

/**
 * Plain gradient descent θ_{t+1} = θ_t − η∇L(θ_t), recorded step by step: the course text's loop, as a fluent
 * call a student can type ({@code GradientDescent.on(L).from(7).steps(15).sweep(0.1, 0.5)}). Each run is
 * plain SGD on the library's one {@link BatchLoop}, every step a full-batch step on L.
 *
 * <p>A run stops early, flagged as diverged, at the first iterate that is not finite or whose size
 * passes {@link #divergenceBound(double)} ({@link #DEFAULT_BOUND} = 1e6 by default, the oracle's cut).
 */
public final class GradientDescent {

    /**
     * The default divergence bound on |θ_i|, 1e6, as in the oracle files' diverging runs; the run
     * classifier's default bound too.
     */
    public static final double DEFAULT_BOUND = 1e6;

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

    /**
     * Gradient descent on {@code objective}, from the origin, for 10 steps until told otherwise.
     *
     * @param objective the loss
     * @return gradient descent on {@code objective}, to configure and run
     */
    public static GradientDescent on(Objective objective) {
        Check.notNull("objective", objective);
        return new GradientDescent(objective, new double[objective.dimension()], 10, DEFAULT_BOUND);
    }

    /**
     * Starts from θ_0 = {@code start}.
     *
     * @param start θ_0, finite, one value per dimension of the objective
     * @return a copy starting there
     */
    public GradientDescent from(double... start) {
        Check.that(start.length == objective.dimension(), () -> "start has " + start.length + " values but "
                + objective + " has dimension " + objective.dimension());
        for (double v : start) {
            Check.that(Double.isFinite(v), () -> "start must be finite, got " + Arrays.toString(start));
        }
        return new GradientDescent(objective, start.clone(), steps, bound);
    }

    /**
     * Runs {@code steps} updates (≥ 1).
     *
     * @param steps the number of steps
     * @return a copy with that many steps
     */
    public GradientDescent steps(int steps) {
        Check.atLeast("steps", steps, 1);
        return new GradientDescent(objective, start, steps, bound);
    }

    /**
     * Stops a run, flagged as diverged, once an iterate's largest |θ_i| exceeds {@code bound}.
     *
     * @param bound the bound
     * @return a copy with that divergence bound
     */
    public GradientDescent divergenceBound(double bound) {
        Check.positiveOrInfinite("bound", bound);
        return new GradientDescent(objective, start, steps, bound);
    }

    /**
     * One run.
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @return the iterates θ_0 … θ_n and their losses
     */
    public Trajectory run(double lr) {
        Check.positive("lr", lr);
        return record(null, Optimizers.sgd(lr).build());
    }

    /** The iterates and losses of one run, and the divergence test after every step. */
    private final class Recording implements BatchLoop.Hooks {
        final int d = objective.dimension();
        final double[] theta = start.clone();
        final double[] iterates = new double[(steps + 1) * d];
        final double[] losses = new double[steps + 1];
        int done;
        boolean diverged;

        Recording() {
            System.arraycopy(theta, 0, iterates, 0, d);
            losses[0] = objective.value(theta);
        }

        @Override
        public boolean beforeStep(long step, double loss, double lr, double[] params, double[] gradient) {
            return true;
        }

        /** Records θ_t and L(θ_t); stops, flagged, at a non-finite loss or max |θ_i| past the bound. */
        @Override
        public boolean afterStep(long step, double loss, double lr, double[] params) {
            double size = 0;
            for (int i = 0; i < d; i++) {
                size = Math.max(size, Math.abs(params[i]));
            }
            done = (int) step;
            System.arraycopy(params, 0, iterates, done * d, d);
            losses[done] = objective.value(params);
            // NaN fails every comparison, so !(size <= bound) also catches non-finite iterates
            diverged = !(size <= bound) || !Double.isFinite(losses[done]);
            return !diverged;
        }
    }

    /**
     * One run with any optimizer instead of plain descent (momentum, Adam, a clipped optimizer …): each
     * step computes ∇L(θ_t) and calls {@code optimizer.step}, recorded like {@link #run(double)}; the
     * rate recorded is the optimizer's group-0 rate at the start. The optimizer is stepped as given:
     * pass a fresh one (or {@code reset()} it) per run.
     *
     * @param label the run's name in tables and legends, e.g. {@code "momentum 0.9"}
     * @param optimizer the optimizer, stepped in place
     * @return the iterates θ_0 … θ_n and their losses
     */
    public Trajectory run(String label, Optimizer optimizer) {
        Check.nonBlank("label", label);
        Check.notNull("optimizer", optimizer);
        return record(label, optimizer);
    }

    /** The run of {@code optimizer} on the batch loop, one full-batch step per epoch, until done or diverged. */
    private Trajectory record(String label, Optimizer optimizer) {
        double lr = optimizer.lr();
        Recording rec = new Recording();
        BatchLoop loop = BatchLoop.inOrder(BatchObjective.wholeBatch(objective), optimizer, 1);
        for (int t = 0; t < steps && !loop.stopped(); t++) {
            loop.epoch(rec.theta, rec);
        }
        int done = rec.done;
        return new Trajectory(label, lr, rec.d, done, Arrays.copyOf(rec.iterates, (done + 1) * rec.d),
                Arrays.copyOf(rec.losses, done + 1), rec.diverged);
    }

    /**
     * One run per learning rate, in the order given.
     *
     * @param lrs the learning rates, each finite and &gt; 0
     * @return one run per learning rate, in the order given
     */
    public Trajectories sweep(double... lrs) {
        Check.nonEmpty("lrs", lrs);
        List<Trajectory> runs = new ArrayList<>(lrs.length);
        for (double lr : lrs) {
            runs.add(run(lr));
        }
        return new Trajectories(runs);
    }
}
