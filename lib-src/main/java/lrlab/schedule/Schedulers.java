package lrlab.schedule;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import lrlab.optim.Optimizer;

/**
 * Static factories for every scheduler, named as in torch.optim.lr_scheduler, e.g.
 * {@code Schedulers.stepLR(opt, 30, 0.1)} or {@code Schedulers.cosineAnnealingLR(opt, 100)}.
 * Each one attaches to the optimizer and applies t = 0 at once. Schedulers with many options
 * (OneCycleLR, CyclicLR, ReduceLROnPlateau) also have a builder: {@code OneCycleLR.builder(0.1,
 * 100).linear().build(opt)}.
 */
public final class Schedulers {

    private Schedulers() {
    }

    /** lr_t = base·γ^⌊t/stepSize⌋. */
    public static StepLR stepLR(Optimizer opt, int stepSize, double gamma) {
        return new StepLR(opt, stepSize, gamma);
    }

    /** lr_t = base·γ^(milestones ≤ t); a repeated milestone applies γ once per repeat. */
    public static MultiStepLR multiStepLR(Optimizer opt, double gamma, int... milestones) {
        return new MultiStepLR(opt, milestones, gamma);
    }

    /** lr_t = base·γ^t. */
    public static ExponentialLR exponentialLR(Optimizer opt, double gamma) {
        return new ExponentialLR(opt, gamma);
    }

    /** lr_t = lr_{t−1}·f(t). */
    public static MultiplicativeLR multiplicativeLR(Optimizer opt, IntToDoubleFunction factor) {
        return new MultiplicativeLR(opt, factor);
    }

    /** lr_t = base·f(t). */
    public static LambdaLR lambdaLR(Optimizer opt, IntToDoubleFunction factor) {
        return new LambdaLR(opt, factor);
    }

    /**
     * lr_t = base·min((t + 1)/W, 1): LambdaLR with a linear warmup over W steps that starts at base/W
     * (not at 0, so no step is wasted) and reaches base at t = W − 1.
     */
    public static LambdaLR linearWarmup(Optimizer opt, int warmup) {
        return new LambdaLR(opt, LambdaLR.linearWarmup(warmup));
    }

    /** lr_t = base/(1 + t/τ): the 1/t decay (LambdaLR with {@link LambdaLR#inverseTime(double)}). */
    public static LambdaLR inverseTimeDecay(Optimizer opt, double tau) {
        return new LambdaLR(opt, LambdaLR.inverseTime(tau));
    }

    /** lr_t = base/√(1 + t/τ): the 1/√t decay (LambdaLR with {@link LambdaLR#inverseSqrt(double)}). */
    public static LambdaLR inverseSqrtDecay(Optimizer opt, double tau) {
        return new LambdaLR(opt, LambdaLR.inverseSqrt(tau));
    }

    /** lr_t = base·(1 + cos(πt/T_max))/2, periodic with period 2·T_max. */
    public static CosineAnnealingLR cosineAnnealingLR(Optimizer opt, int tMax) {
        return new CosineAnnealingLR(opt, tMax, 0.0);
    }

    /** lr_t = η_min + (base − η_min)·(1 + cos(πt/T_max))/2, periodic with period 2·T_max. */
    public static CosineAnnealingLR cosineAnnealingLR(Optimizer opt, int tMax, double etaMin) {
        return new CosineAnnealingLR(opt, tMax, etaMin);
    }

    /** Cosine with restarts after T_0, T_0·T_mult, … steps, down to η_min. */
    public static CosineAnnealingWarmRestarts cosineAnnealingWarmRestarts(Optimizer opt, int t0, int tMult,
            double etaMin) {
        return new CosineAnnealingWarmRestarts(opt, t0, tMult, etaMin);
    }

    /** lr_t = base·(s + (e − s)·min(t, T)/T). */
    public static LinearLR linearLR(Optimizer opt, double startFactor, double endFactor, int totalIters) {
        return new LinearLR(opt, startFactor, endFactor, totalIters);
    }

    /** lr_t = base·factor for t &lt; totalIters, then base. */
    public static ConstantLR constantLR(Optimizer opt, double factor, int totalIters) {
        return new ConstantLR(opt, factor, totalIters);
    }

    /** lr_t = base·(1 − min(t, T)/T)^power. */
    public static PolynomialLR polynomialLR(Optimizer opt, int totalIters, double power) {
        return new PolynomialLR(opt, totalIters, power);
    }

    /** 1cycle with torch's defaults (pct 0.3, cos, div 25, final div 1e4, momentum 0.85–0.95 cycled). */
    public static OneCycleLR oneCycleLR(Optimizer opt, double maxLr, int totalSteps) {
        return OneCycleLR.builder(maxLr, totalSteps).build(opt);
    }

    /** Triangular cycles base_lr ↔ max_lr, stepSizeUp each way, momentum cycled 0.8–0.9 (torch's default). */
    public static CyclicLR cyclicLR(Optimizer opt, double baseLr, double maxLr, int stepSizeUp) {
        return CyclicLR.builder(baseLr, maxLr).stepSizeUp(stepSizeUp).build(opt);
    }

    /** Children one after another; child i+1 restarts at milestones[i]. */
    public static SequentialLR sequentialLR(Optimizer opt, List<? extends LrScheduler> schedulers, int... milestones) {
        return new SequentialLR(opt, schedulers, milestones);
    }

    /** Children stepped together; their factors multiply. */
    public static ChainedScheduler chainedScheduler(Scheduler... schedulers) {
        return new ChainedScheduler(List.of(schedulers));
    }

    /** ReduceLROnPlateau with torch's defaults (MIN, factor 0.1, patience 10); use its builder for more. */
    public static ReduceLROnPlateau reduceLROnPlateau(Optimizer opt) {
        return ReduceLROnPlateau.builder().build(opt);
    }

    /** ReduceLROnPlateau, MIN mode, with the given factor and patience. */
    public static ReduceLROnPlateau reduceLROnPlateau(Optimizer opt, double factor, int patience) {
        return ReduceLROnPlateau.builder().factor(factor).patience(patience).build(opt);
    }
}
