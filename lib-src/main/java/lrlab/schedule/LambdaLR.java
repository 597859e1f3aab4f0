package lrlab.schedule;

import java.util.function.IntToDoubleFunction;
import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * Sets the lr to a user factor of the step: lr_t = base_lr · f(t). Named factors: a linear warmup
 * over W steps, f(t) = min((t + 1)/W, 1) ({@link #linearWarmup(int)}; the often-copied torch lambda
 * t/W, whose f(0) = 0 makes the first step a no-op, is {@link #linearWarmupFromZero(int)}), and the
 * decays 1/(1 + t/τ) and 1/√(1 + t/τ) ({@link #inverseTime(double)}, {@link #inverseSqrt(double)}).
 */
public final class LambdaLR extends LrScheduler {

    private final IntToDoubleFunction factor;

    /**
     * @param factor f(t), the multiple of base_lr at step t
     * @param optimizer the optimizer
     */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction factor) {
        super(optimizer);
        Check.that(factor != null, () -> "factor function must not be null");
        this.factor = factor;
        initialStep();
    }

    /**
     * f(t) = min((t + 1)/W, 1): the warmup reaches the base rate at its last step t = W − 1, and the first
     * step already moves (at base/W). This is the workbook's warmup.
     *
     * @param warmup W ≥ 1 (W = 1 is no warmup)
     * @return f(t) = min((t + 1)/W, 1): the warmup reaches the base rate at its last step t = W − 1, and the first step already moves (at base/W)
     */
    public static IntToDoubleFunction linearWarmup(int warmup) {
        Check.positive("warmup", warmup);
        return t -> t < warmup - 1 ? (double) (t + 1) / warmup : 1.0;
    }

    /**
     * f(t) = t/W for t &lt; W, else 1, the lambda often written for torch
     * ({@code lambda e: e / warmup if e < warmup else 1.0}): f(0) = 0, so the first step does nothing.
     *
     * @param warmup the warmup length W ≥ 1 in steps
     * @return f(t) = t/W for t &lt; W, else 1, the lambda often written for torch ({@code lambda e: e / warmup if e < warmup else 1.0}): f(0) = 0, so the first step does nothing
     */
    public static IntToDoubleFunction linearWarmupFromZero(int warmup) {
        Check.positive("warmup", warmup);
        return t -> t < warmup ? (double) t / warmup : 1.0;
    }

    /**
     * f(t) = 1/(1 + t/τ): the 1/t decay of stochastic approximation (η_t ≈ η₀τ/t for t ≫ τ); it meets
     * the Robbins–Monro conditions Σηₜ = ∞, Σηₜ² &lt; ∞.
     *
     * @param tau τ &gt; 0, the step at which the rate has halved
     * @return f(t) = 1/(1 + t/τ): the 1/t decay of stochastic approximation (η_t ≈ η₀τ/t for t ≫ τ); it meets the Robbins–Monro conditions Σηₜ = ∞, Σηₜ² &lt; ∞
     */
    public static IntToDoubleFunction inverseTime(double tau) {
        Check.positive("tau", tau);
        return t -> 1.0 / (1.0 + t / tau);
    }

    /**
     * f(t) = 1/√(1 + t/τ): a slower decay (η_t ≈ η₀√(τ/t)); Σηₜ = ∞ but also Σηₜ² = ∞, so it misses the
     * second Robbins–Monro condition.
     *
     * @param tau τ &gt; 0, the step at which the rate has fallen to η₀/√2
     * @return f(t) = 1/√(1 + t/τ): a slower decay (η_t ≈ η₀√(τ/t)); Σηₜ = ∞ but also Σηₜ² = ∞, so it misses the second Robbins–Monro condition
     */
    public static IntToDoubleFunction inverseSqrt(double tau) {
        Check.positive("tau", tau);
        return t -> 1.0 / Math.sqrt(1.0 + t / tau);
    }

    @Override
    protected double chainableLr(int group, double currentLr) {
        return closedForm(group, lastEpoch);
    }

    @Override
    protected double closedForm(int group, int t) {
        return baseLrs[group] * factor.applyAsDouble(t);
    }

    /** The configuration, e.g. for printing in a notebook. */
    @Override
    public String toString() {
        return "LambdaLR(factor=<function>)";
    }
}
