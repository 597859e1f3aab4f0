package lrlab.optim;

import java.util.Arrays;
import java.util.List;
import lrlab.util.Check;

/**
 * RMSprop with torch.optim.RMSprop semantics (no bias correction), elementwise:
 * <pre>
 *   g ← g + wd·x
 *   v ← α·v + (1 − α)·g²
 *   avg = √(v − ḡ²) + ε  with ḡ ← α·ḡ + (1 − α)·g   (centered)
 *   avg = √v + ε                                     (otherwise)
 *   μ &gt; 0:  buf ← μ·buf + g/avg;  x ← x − lr·buf   (buf starts at 0)
 *   μ = 0:  x ← x − lr·g/avg
 * </pre>
 * Create with {@code Optimizers.rmsprop(0.01).alpha(0.99).centered(true).build()}.
 */
public final class RmsProp extends GroupedOptimizer<RmsProp.Config> {

    /** Immutable, validated RMSprop hyperparameters (torch defaults: α 0.99, ε 1e-8, wd 0, μ 0, not centered). */
    public record Config(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered,
            List<ParamGroup> groups) implements OptimizerConfig<RmsProp> {

        /**
         * Validates every field.
         *
         * @param lr the learning rate η, finite and &gt; 0
         * @param alpha the smoothing constant α in [0, 1]
         * @param eps ε, added to the denominator for numerical stability, ≥ 0
         * @param weightDecay the weight decay wd ≥ 0
         * @param momentum the momentum ≥ 0
         * @param centered whether to divide by the centred variance estimate
         * @param groups the parameter groups, in order
         */
        public Config {
            Check.positive("lr", lr);
            Check.unitClosed("alpha", alpha);
            Check.positive("eps", eps);
            Check.nonNegative("weightDecay", weightDecay);
            Check.nonNegative("momentum", momentum);
            groups = ParamGroup.tiling(groups);
        }

        @Override
        public RmsProp build(int dimension) {
            return new RmsProp(this, dimension);
        }
    }

    /** Fluent RMSprop builder. */
    public static final class Builder extends OptimizerBuilder<Builder, RmsProp> {
        private double alpha = 0.99;
        private double eps = 1e-8;
        private double momentum;
        private boolean centered;

        Builder(double lr) {
            super(lr);
        }

        /**
         * Smoothing constant α in [0, 1] of the squared-gradient average (default 0.99).
         *
         * @param alpha the smoothing constant α in [0, 1]
         * @return this
         */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /**
         * ε &gt; 0 added to the root (default 1e-8).
         *
         * @param eps ε, added to the denominator for numerical stability, ≥ 0
         * @return this
         */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /**
         * Momentum μ ≥ 0 on the normalised step (default 0).
         *
         * @param momentum the momentum ≥ 0
         * @return this
         */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * Normalise by the variance estimate v − ḡ² instead of v (default false).
         *
         * @param centered whether to divide by the centred variance estimate
         * @return this
         */
        public Builder centered(boolean centered) {
            this.centered = centered;
            return this;
        }

        @Override
        public Config config() {
            return new Config(lr, alpha, eps, weightDecay, momentum, centered, groups());
        }
    }

    private double[] squareAvg;
    private double[] gradAvg;
    private double[] buffer;

    private RmsProp(Config config, int dimension) {
        super(config, config.momentum());
        bindIfKnown(dimension);
    }

    @Override
    protected void allocate(int dimension) {
        squareAvg = new double[dimension];
        gradAvg = config.centered() ? new double[dimension] : null;
        buffer = new double[dimension];
    }

    @Override
    protected void clearState() {
        Arrays.fill(squareAvg, 0.0);
        if (gradAvg != null) {
            Arrays.fill(gradAvg, 0.0);
        }
        Arrays.fill(buffer, 0.0);
    }

    @Override
    protected void update(int group, int from, int to, double[] x, double[] g) {
        final double step = -lr[group];
        final double mu = momentum[group];
        final double alpha = config.alpha();
        final double rest = 1 - alpha;
        final double wd = config.weightDecay();
        final double eps = config.eps();
        final double[] v = squareAvg;
        final double[] gbar = gradAvg;
        final double[] buf = buffer;
        for (int i = from; i < to; i++) {
            double gi = wd == 0 ? g[i] : g[i] + wd * x[i];
            double vi = v[i] * alpha + rest * gi * gi;
            v[i] = vi;
            double avg;
            if (gbar != null) {
                double m = lerp(gbar[i], gi, rest);
                gbar[i] = m;
                avg = Math.sqrt(vi - m * m) + eps;
            } else {
                avg = Math.sqrt(vi) + eps;
            }
            if (mu > 0) {
                double b = buf[i] * mu + gi / avg;
                buf[i] = b;
                x[i] = x[i] + step * b;
            } else {
                x[i] = x[i] + step * gi / avg;
            }
        }
    }

    /** torch's lerp: start + w·(end − start) for w &lt; 0.5, else end − (end − start)·(1 − w). */
    static double lerp(double start, double end, double weight) {
        return weight < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight);
    }
}
