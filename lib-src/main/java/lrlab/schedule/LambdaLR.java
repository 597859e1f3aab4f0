package lrlab.schedule;

import java.util.function.IntToDoubleFunction;
import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * Sets the lr to a user factor of the step: lr_t = base_lr · f(t). For a linear warmup over W
 * steps, f(t) = t < W ? t / W : 1 (see {@link #linearWarmup(int)}); note f(0) = 0 makes the
 * very first optimizer step a no-op, as in torch.
 */
public final class LambdaLR extends LrScheduler {

    private final IntToDoubleFunction factor;

    /** @param factor f(t), the multiple of base_lr at step t */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction factor) {
        super(optimizer);
        Check.that(factor != null, () -> "factor function must not be null");
        this.factor = factor;
        initialStep();
    }

    /** f(t) = t / warmup for t &lt; warmup, else 1 (torch: {@code lambda e: e / warmup if e < warmup else 1.0}). */
    public static IntToDoubleFunction linearWarmup(int warmup) {
        Check.positive("warmup", warmup);
        return t -> t < warmup ? (double) t / warmup : 1.0;
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
