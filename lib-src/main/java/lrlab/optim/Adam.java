package lrlab.optim;

import java.util.Arrays;
import java.util.List;
import lrlab.util.Check;

/**
 * Adam and AdamW with torch.optim.Adam semantics (torch 2.13: AdamW is Adam with decoupled weight
 * decay), elementwise with t the 1-based step count:
 * <pre>
 *   AdamW: x ← x·(1 − lr·wd)          Adam: g ← g + wd·x   (L2, enters m and v)
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   amsgrad: v_max ← max(v_max, v), used in place of v   (max of the uncorrected v)
 *   x ← x − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
 *     = x − (lr·√(1 − β2^t) / (1 − β1^t)) · m / (√v + ε·√(1 − β2^t))   (as computed)
 * </pre>
 * The bias corrections are computed once per step (one sqrt, one division); the loop is one
 * in-place pass with one sqrt and one division per parameter.
 * Create with {@code Optimizers.adam(1e-3).betas(0.9, 0.999).build()} or
 * {@code Optimizers.adamw(1e-3).weightDecay(0.05).build()}. {@link #momentum(int)} is β1.
 */
public final class Adam extends GroupedOptimizer<Adam.Config> {

    /**
     * Immutable, validated Adam/AdamW hyperparameters (torch defaults: β (0.9, 0.999), ε 1e-8,
     * wd 0 for Adam and 0.01 for AdamW, no amsgrad).
     */
    public record Config(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad,
            boolean decoupledWeightDecay, List<ParamGroup> groups) implements OptimizerConfig<Adam> {

        /**
         * Validates every field.
         *
         * @param lr the learning rate η, finite and &gt; 0
         * @param beta1 β1 in [0, 1)
         * @param beta2 β2 in [0, 1)
         * @param eps ε ≥ 0 (default 1e-8)
         * @param weightDecay the weight decay wd ≥ 0
         * @param amsgrad whether to keep the running maximum of v̂ (AMSGrad)
         * @param decoupledWeightDecay whether the weight decay is decoupled (AdamW)
         * @param groups the parameter groups, in order
         */
        public Config {
            Check.positive("lr", lr);
            Check.unitHalfOpen("beta1", beta1);
            Check.unitHalfOpen("beta2", beta2);
            Check.positive("eps", eps);
            Check.nonNegative("weightDecay", weightDecay);
            groups = ParamGroup.tiling(groups);
        }

        @Override
        public Adam build(int dimension) {
            return new Adam(this, dimension);
        }
    }

    /** Fluent Adam/AdamW builder. */
    public static final class Builder extends OptimizerBuilder<Builder, Adam> {
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private boolean amsgrad;
        private boolean decoupled;

        Builder(double lr, boolean decoupled) {
            super(lr);
            this.decoupled = decoupled;
            this.weightDecay = decoupled ? 0.01 : 0.0;
        }

        /**
         * β1, β2 in [0, 1): decay rates of the first and second moment (default 0.9, 0.999).
         *
         * @param beta1 β1 in [0, 1)
         * @param beta2 β2 in [0, 1)
         * @return this
         */
        public Builder betas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /**
         * ε &gt; 0 added to √v̂ (default 1e-8).
         *
         * @param eps ε ≥ 0 (default 1e-8)
         * @return this
         */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /**
         * Use the running maximum of v (AMSGrad, default false).
         *
         * @param amsgrad whether to keep the running maximum of v̂ (AMSGrad)
         * @return this
         */
        public Builder amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return this;
        }

        /**
         * Decoupled (AdamW) instead of L2 weight decay; torch's {@code decoupled_weight_decay}.
         *
         * @param decoupled whether the weight decay is decoupled (AdamW)
         * @return this
         */
        public Builder decoupledWeightDecay(boolean decoupled) {
            this.decoupled = decoupled;
            return this;
        }

        @Override
        public Config config() {
            return new Config(lr, beta1, beta2, eps, weightDecay, amsgrad, decoupled, groups());
        }
    }

    private double[] m;
    private double[] v;
    private double[] vMax;
    /** Per group: β1^t and β2^t for the step {@code powStep}, so a step costs no Math.pow unless β1 changed. */
    private final double[] beta1Pow = new double[groupCount];
    private final double[] beta1Base = new double[groupCount];
    private final double[] beta2Pow = new double[groupCount];
    private final long[] powStep = new long[groupCount];

    private Adam(Config config, int dimension) {
        super(config, config.beta1());
        bindIfKnown(dimension);
    }

    @Override
    protected void allocate(int dimension) {
        m = new double[dimension];
        v = new double[dimension];
        vMax = config.amsgrad() ? new double[dimension] : null;
    }

    @Override
    protected void clearState() {
        Arrays.fill(powStep, 0);
        Arrays.fill(m, 0.0);
        Arrays.fill(v, 0.0);
        if (vMax != null) {
            Arrays.fill(vMax, 0.0);
        }
    }

    @Override
    protected void update(int group, int from, int to, double[] x, double[] g) {
        final double lrNow = lr[group];
        final double beta1 = momentum[group];
        final double beta2 = config.beta2();
        final double wd = config.weightDecay();
        final boolean decoupled = config.decoupledWeightDecay();
        final double shrink = decoupled && wd != 0 ? 1 - lrNow * wd : 1.0;
        final double l2 = decoupled ? 0.0 : wd;
        final double w1 = 1 - beta1;
        final double w2 = 1 - beta2;
        if (powStep[group] == steps - 1 && steps > 1 && beta1Base[group] == beta1) {
            beta1Pow[group] = flushTiny(beta1Pow[group] * beta1);
            beta2Pow[group] = flushTiny(beta2Pow[group] * beta2);
        } else {
            beta1Pow[group] = flushTiny(Math.pow(beta1, steps));
            beta2Pow[group] = flushTiny(Math.pow(beta2, steps));
            beta1Base[group] = beta1;
        }
        powStep[group] = steps;
        // lr/bc1 · m/(√v/√bc2 + ε) = (lr·√bc2/bc1) · m/(√v + ε·√bc2): one sqrt and one division per step
        // (and no multiply per element); the same value up to a few ulps
        final double sqrtBc2 = Math.sqrt(1 - beta2Pow[group]);
        final double negStepSize = -(lrNow * sqrtBc2 / (1 - beta1Pow[group]));
        final double eps = config.eps() * sqrtBc2;
        final double[] mm = m;
        final double[] vv = v;
        if (vMax == null && w1 < 0.5) {
            // the common case, kept branch-free for the JIT
            for (int i = from; i < to; i++) {
                double xi = x[i] * shrink;
                double gi = g[i] + l2 * xi;
                double mi = mm[i];
                mi = mi + w1 * (gi - mi);
                double vi = vv[i] * beta2 + w2 * gi * gi;
                mm[i] = mi;
                vv[i] = vi;
                x[i] = xi + negStepSize * mi / (Math.sqrt(vi) + eps);
            }
            return;
        }
        final double[] vm = vMax;
        for (int i = from; i < to; i++) {
            double xi = x[i] * shrink;
            double gi = l2 == 0 ? g[i] : g[i] + l2 * xi;
            double mi = RmsProp.lerp(mm[i], gi, w1);
            double vi = vv[i] * beta2 + w2 * gi * gi;
            mm[i] = mi;
            vv[i] = vi;
            if (vm != null) {
                vi = Math.max(vm[i], vi);
                vm[i] = vi;
            }
            x[i] = xi + negStepSize * mi / (Math.sqrt(vi) + eps);
        }
    }

    /**
     * β^t below 2^-60 is kept as 0. It changes nothing: 1 − β^t rounds to exactly 1.0 for any
     * β^t &lt; 2^-54. But it keeps the running product out of the subnormal range, where x·β rounds
     * back to x (0.999 · k·2^-1074 = k·2^-1074 for k &lt; 500), so after ~7·10^5 steps every later step
     * would multiply a stuck subnormal, a slow path that doubled the cost of a d = 10 step.
     */
    private static double flushTiny(double power) {
        return power < 0x1p-60 ? 0.0 : power;
    }

    @Override
    protected void checkMomentum(double value) {
        Check.unitHalfOpen("beta1", value);
    }
}
