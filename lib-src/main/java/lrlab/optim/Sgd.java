package lrlab.optim;

import java.util.Arrays;
import java.util.List;
import lrlab.util.Check;

/**
 * Stochastic gradient descent with torch.optim.SGD semantics, elementwise with t the step count:
 * <pre>
 *   g ← g + wd·x                                   (coupled weight decay)
 *   if μ ≠ 0:  buf ← g                   at the first momentum step (no dampening)
 *              buf ← μ·buf + (1 − τ)·g    afterwards (τ = dampening)
 *              d = g + μ·buf (nesterov)   or   d = buf
 *   else d = g
 *   x ← x − lr·d
 * </pre>
 * Create with {@code Optimizers.sgd(0.1).momentum(0.9).nesterov(true).build()}.
 */
public final class Sgd extends GroupedOptimizer<Sgd.Config> {

    /**
     * η/(1 − μ): the step per unit gradient that heavy-ball momentum μ settles at on a constant slope
     * (b → g/(1 − μ)), the rate plain SGD would need to move as fast.
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @param momentum μ in [0, 1)
     * @return the effective learning rate
     */
    public static double effectiveLr(double lr, double momentum) {
        Check.positive("lr", lr);
        Check.unitHalfOpen("momentum", momentum);
        return lr / (1 - momentum);
    }


    /**
     * Immutable, validated SGD hyperparameters (torch defaults: momentum 0, dampening 0,
     * weight decay 0, no Nesterov).
     */
    public record Config(double lr, double momentum, double dampening, boolean nesterov, double weightDecay,
            List<ParamGroup> groups) implements OptimizerConfig<Sgd> {

        /**
         * Validates every field; nesterov needs momentum &gt; 0 and dampening 0.
         *
         * @param lr the learning rate η, finite and &gt; 0
         * @param momentum the momentum μ ≥ 0 (0: plain gradient descent)
         * @param dampening the dampening τ in [0, 1]
         * @param nesterov whether to use Nesterov momentum
         * @param weightDecay the weight decay wd ≥ 0
         * @param groups the parameter groups, in order
         */
        public Config {
            Check.positive("lr", lr);
            Check.nonNegative("momentum", momentum);
            Check.unitClosed("dampening", dampening);
            Check.nonNegative("weightDecay", weightDecay);
            Check.that(!nesterov || (momentum > 0 && dampening == 0), () -> "nesterov requires momentum > 0 and dampening = 0, got momentum "
                    + momentum + ", dampening " + dampening);
            groups = ParamGroup.tiling(groups);
        }

        @Override
        public Sgd build(int dimension) {
            return new Sgd(this, dimension);
        }
    }

    /** Fluent SGD builder: {@code Optimizers.sgd(lr).momentum(0.9).dampening(0.1).weightDecay(1e-4)}. */
    public static final class Builder extends OptimizerBuilder<Builder, Sgd> {
        private double momentum;
        private double dampening;
        private boolean nesterov;

        Builder(double lr) {
            super(lr);
        }

        /**
         * Momentum μ ≥ 0 (default 0: plain gradient descent).
         *
         * @param momentum the momentum μ ≥ 0 (0: plain gradient descent)
         * @return this
         */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * Dampening τ in [0, 1] (default 0); the first momentum step is never dampened.
         *
         * @param dampening the dampening τ in [0, 1]
         * @return this
         */
        public Builder dampening(double dampening) {
            this.dampening = dampening;
            return this;
        }

        /**
         * Nesterov momentum (default false); needs momentum &gt; 0 and dampening 0.
         *
         * @param nesterov whether to use Nesterov momentum
         * @return this
         */
        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        @Override
        public Config config() {
            return new Config(lr, momentum, dampening, nesterov, weightDecay, groups());
        }
    }

    private double[] buffer;
    private boolean[] bufferStarted;

    private Sgd(Config config, int dimension) {
        super(config, config.momentum());
        bindIfKnown(dimension);
    }

    @Override
    protected void allocate(int dimension) {
        buffer = new double[dimension];
        bufferStarted = new boolean[groupCount];
    }

    @Override
    protected void clearState() {
        Arrays.fill(buffer, 0.0);
        Arrays.fill(bufferStarted, false);
    }

    @Override
    protected void update(int group, int from, int to, double[] x, double[] g) {
        final double step = -lr[group];
        final double wd = config.weightDecay();
        final double mu = momentum[group];
        if (mu == 0) {
            for (int i = from; i < to; i++) {
                double gi = wd == 0 ? g[i] : g[i] + wd * x[i];
                x[i] = x[i] + step * gi;
            }
            return;
        }
        final double[] buf = buffer;
        final boolean first = !bufferStarted[group];
        final double keep = 1 - config.dampening();
        final boolean nesterov = config.nesterov();
        for (int i = from; i < to; i++) {
            double gi = wd == 0 ? g[i] : g[i] + wd * x[i];
            double b = first ? gi : buf[i] * mu + keep * gi;
            buf[i] = b;
            double d = nesterov ? gi + mu * b : b;
            x[i] = x[i] + step * d;
        }
        bufferStarted[group] = true;
    }
}
