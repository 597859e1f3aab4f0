package lrlab.optim;

import java.util.Arrays;
import java.util.List;
import lrlab.util.Check;

/**
 * Adagrad with torch.optim.Adagrad semantics, elementwise with t the 1-based step count:
 * <pre>
 *   g ← g + wd·x
 *   clr = lr / (1 + (t − 1)·lr_decay)
 *   sum ← sum + g²                  (sum starts at initial_accumulator_value)
 *   x ← x − clr·g / (√sum + ε)      (ε = 1e-10, outside the square root)
 * </pre>
 * Create with {@code Optimizers.adagrad(0.5).lrDecay(0.01).build()}. Adagrad has no momentum.
 */
public final class Adagrad extends GroupedOptimizer<Adagrad.Config> {

    /** Immutable, validated Adagrad hyperparameters (torch defaults: lr_decay 0, wd 0, initial 0, eps 1e-10). */
    public record Config(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps,
            List<ParamGroup> groups) implements OptimizerConfig<Adagrad> {

        /**
         * Validates every field.
         *
         * @param lr the learning rate η, finite and &gt; 0
         * @param lrDecay the rate decay: clr = lr / (1 + (t − 1)·lrDecay), ≥ 0
         * @param weightDecay the weight decay wd ≥ 0
         * @param initialAccumulatorValue the starting value of Σg², ≥ 0
         * @param eps ε, added to the denominator for numerical stability, ≥ 0
         * @param groups the parameter groups, in order
         */
        public Config {
            Check.positive("lr", lr);
            Check.nonNegative("lrDecay", lrDecay);
            Check.nonNegative("weightDecay", weightDecay);
            Check.nonNegative("initialAccumulatorValue", initialAccumulatorValue);
            Check.positive("eps", eps);
            groups = ParamGroup.tiling(groups);
        }

        @Override
        public Adagrad build(int dimension) {
            return new Adagrad(this, dimension);
        }
    }

    /** Fluent Adagrad builder. */
    public static final class Builder extends OptimizerBuilder<Builder, Adagrad> {
        private double lrDecay;
        private double initialAccumulatorValue;
        private double eps = 1e-10;

        Builder(double lr) {
            super(lr);
        }

        /**
         * lr_decay ≥ 0: step t uses lr / (1 + (t − 1)·lrDecay) (default 0).
         *
         * @param lrDecay the rate decay: clr = lr / (1 + (t − 1)·lrDecay), ≥ 0
         * @return this
         */
        public Builder lrDecay(double lrDecay) {
            this.lrDecay = lrDecay;
            return this;
        }

        /**
         * Starting value ≥ 0 of the squared-gradient sum (default 0).
         *
         * @param value the value
         * @return this
         */
        public Builder initialAccumulatorValue(double value) {
            this.initialAccumulatorValue = value;
            return this;
        }

        /**
         * ε &gt; 0 added to √sum (default 1e-10).
         *
         * @param eps ε, added to the denominator for numerical stability, ≥ 0
         * @return this
         */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        @Override
        public Config config() {
            return new Config(lr, lrDecay, weightDecay, initialAccumulatorValue, eps, groups());
        }
    }

    private double[] sum;

    private Adagrad(Config config, int dimension) {
        super(config, 0.0);
        bindIfKnown(dimension);
    }

    @Override
    protected void allocate(int dimension) {
        sum = new double[dimension];
        clearState();
    }

    @Override
    protected void clearState() {
        Arrays.fill(sum, config.initialAccumulatorValue());
    }

    @Override
    protected void update(int group, int from, int to, double[] x, double[] g) {
        final double clr = lr[group] / (1 + (steps - 1) * config.lrDecay());
        final double step = -clr;
        final double wd = config.weightDecay();
        final double eps = config.eps();
        final double[] s = sum;
        for (int i = from; i < to; i++) {
            double gi = wd == 0 ? g[i] : g[i] + wd * x[i];
            double si = s[i] + gi * gi;
            s[i] = si;
            x[i] = x[i] + step * gi / (Math.sqrt(si) + eps);
        }
    }

    /** Adagrad has no momentum: schedulers that cycle momentum refuse it. */
    @Override
    public boolean hasMomentum() {
        return false;
    }
}
