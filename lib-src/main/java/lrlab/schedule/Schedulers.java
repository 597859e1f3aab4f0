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

    /**
     * lr_t = base·γ^⌊t/stepSize⌋.
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param stepSize the period of the decay in steps, ≥ 1
     * @param gamma the factor γ
     * @return the scheduler, attached to {@code opt}: lr_t = base·γ^⌊t/stepSize⌋
     */
    public static StepLR stepLR(Optimizer opt, int stepSize, double gamma) {
        return new StepLR(opt, stepSize, gamma);
    }

    /**
     * lr_t = base·γ^(milestones ≤ t); a repeated milestone applies γ once per repeat.
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param gamma the factor γ
     * @param milestones the milestones, ascending
     * @return the scheduler, attached to {@code opt}: lr_t = base·γ^(milestones ≤ t); a repeated milestone applies γ once per repeat
     */
    public static MultiStepLR multiStepLR(Optimizer opt, double gamma, int... milestones) {
        return new MultiStepLR(opt, milestones, gamma);
    }

    /**
     * lr_t = base·γ^t.
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param gamma the factor γ
     * @return the scheduler, attached to {@code opt}: lr_t = base·γ^t
     */
    public static ExponentialLR exponentialLR(Optimizer opt, double gamma) {
        return new ExponentialLR(opt, gamma);
    }

    /**
     * lr_t = lr_{t−1}·f(t).
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param factor the factor f(t) of step t
     * @return the scheduler, attached to {@code opt}: lr_t = lr_{t−1}·f(t)
     */
    public static MultiplicativeLR multiplicativeLR(Optimizer opt, IntToDoubleFunction factor) {
        return new MultiplicativeLR(opt, factor);
    }

    /**
     * lr_t = base·f(t).
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param factor the factor f(t) of step t
     * @return the scheduler, attached to {@code opt}: lr_t = base·f(t)
     */
    public static LambdaLR lambdaLR(Optimizer opt, IntToDoubleFunction factor) {
        return new LambdaLR(opt, factor);
    }

    /**
     * lr_t = base·min((t + 1)/W, 1): LambdaLR with a linear warmup over W steps that starts at base/W
     * (not at 0, so no step is wasted) and reaches base at t = W − 1.
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param warmup the warmup length W ≥ 1 in steps
     * @return the scheduler, attached to {@code opt}: lr_t = base·min((t + 1)/W, 1): LambdaLR with a linear warmup over W steps that starts at base/W (not at 0, so no step is wasted) and reaches base at t = W − 1
     */
    public static LambdaLR linearWarmup(Optimizer opt, int warmup) {
        return new LambdaLR(opt, LambdaLR.linearWarmup(warmup));
    }

    /**
     * lr_t = base/(1 + t/τ): the 1/t decay (LambdaLR with {@link LambdaLR#inverseTime(double)}).
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param tau τ
     * @return the scheduler, attached to {@code opt}: lr_t = base/(1 + t/τ): the 1/t decay (LambdaLR with {@link LambdaLR#inverseTime(double)})
     */
    public static LambdaLR inverseTimeDecay(Optimizer opt, double tau) {
        return new LambdaLR(opt, LambdaLR.inverseTime(tau));
    }

    /**
     * lr_t = base/√(1 + t/τ): the 1/√t decay (LambdaLR with {@link LambdaLR#inverseSqrt(double)}).
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param tau τ
     * @return the scheduler, attached to {@code opt}: lr_t = base/√(1 + t/τ): the 1/√t decay (LambdaLR with {@link LambdaLR#inverseSqrt(double)})
     */
    public static LambdaLR inverseSqrtDecay(Optimizer opt, double tau) {
        return new LambdaLR(opt, LambdaLR.inverseSqrt(tau));
    }

    /**
     * lr_t = base·(1 + cos(πt/T_max))/2, periodic with period 2·T_max.
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param tMax the half period T_max ≥ 1
     * @return the scheduler, attached to {@code opt}: lr_t = base·(1 + cos(πt/T_max))/2, periodic with period 2·T_max
     */
    public static CosineAnnealingLR cosineAnnealingLR(Optimizer opt, int tMax) {
        return new CosineAnnealingLR(opt, tMax, 0.0);
    }

    /**
     * lr_t = η_min + (base − η_min)·(1 + cos(πt/T_max))/2, periodic with period 2·T_max.
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param tMax the half period T_max ≥ 1
     * @param etaMin the lowest rate η_min ≥ 0
     * @return the scheduler, attached to {@code opt}: lr_t = η_min + (base − η_min)·(1 + cos(πt/T_max))/2, periodic with period 2·T_max
     */
    public static CosineAnnealingLR cosineAnnealingLR(Optimizer opt, int tMax, double etaMin) {
        return new CosineAnnealingLR(opt, tMax, etaMin);
    }

    /**
     * Cosine with restarts after T_0, T_0·T_mult, … steps, down to η_min.
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param t0 the first period T_0 ≥ 1
     * @param tMult the factor T_mult ≥ 1 by which each period grows
     * @param etaMin the lowest rate η_min ≥ 0
     * @return the scheduler, attached to {@code opt}: Cosine with restarts after T_0, T_0·T_mult, … steps, down to η_min
     */
    public static CosineAnnealingWarmRestarts cosineAnnealingWarmRestarts(Optimizer opt, int t0, int tMult,
            double etaMin) {
        return new CosineAnnealingWarmRestarts(opt, t0, tMult, etaMin);
    }

    /**
     * lr_t = base·(s + (e − s)·min(t, T)/T).
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param startFactor the factor of the first step
     * @param endFactor the factor after totalIters steps
     * @param totalIters the number of steps T the schedule spans
     * @return the scheduler, attached to {@code opt}: lr_t = base·(s + (e − s)·min(t, T)/T)
     */
    public static LinearLR linearLR(Optimizer opt, double startFactor, double endFactor, int totalIters) {
        return new LinearLR(opt, startFactor, endFactor, totalIters);
    }

    /**
     * lr_t = base·factor for t &lt; totalIters, then base.
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param factor the factor f(t) of step t
     * @param totalIters the number of steps T the schedule spans
     * @return the scheduler, attached to {@code opt}: lr_t = base·factor for t &lt; totalIters, then base
     */
    public static ConstantLR constantLR(Optimizer opt, double factor, int totalIters) {
        return new ConstantLR(opt, factor, totalIters);
    }

    /**
     * lr_t = base·(1 − min(t, T)/T)^power.
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param totalIters the number of steps T the schedule spans
     * @param power the power p of the decay
     * @return the scheduler, attached to {@code opt}: lr_t = base·(1 − min(t, T)/T)^power
     */
    public static PolynomialLR polynomialLR(Optimizer opt, int totalIters, double power) {
        return new PolynomialLR(opt, totalIters, power);
    }

    /**
     * 1cycle with torch's defaults (pct 0.3, cos, div 25, final div 1e4, momentum 0.85–0.95 cycled).
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param maxLr the peak learning rate
     * @param totalSteps the number of steps the schedule spans
     * @return the scheduler, attached to {@code opt}: 1cycle with torch's defaults (pct 0.3, cos, div 25, final div 1e4, momentum 0.85–0.95 cycled)
     */
    public static OneCycleLR oneCycleLR(Optimizer opt, double maxLr, int totalSteps) {
        return OneCycleLR.builder(maxLr, totalSteps).build(opt);
    }

    /**
     * Triangular cycles base_lr ↔ max_lr, stepSizeUp each way, momentum cycled 0.8–0.9 (torch's default).
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param baseLr the base learning rate η₀, finite and &gt; 0
     * @param maxLr the peak learning rate
     * @param stepSizeUp the steps of the rising half of a cycle, ≥ 1
     * @return the scheduler, attached to {@code opt}: Triangular cycles base_lr ↔ max_lr, stepSizeUp each way, momentum cycled 0.8–0.9 (torch's default)
     */
    public static CyclicLR cyclicLR(Optimizer opt, double baseLr, double maxLr, int stepSizeUp) {
        return CyclicLR.builder(baseLr, maxLr).stepSizeUp(stepSizeUp).build(opt);
    }

    /**
     * Children one after another; child i+1 restarts at milestones[i].
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param schedulers the schedulers, attached to the same optimizer
     * @param milestones the milestones, ascending
     * @return the scheduler, attached to {@code opt}: Children one after another; child i+1 restarts at milestones[i]
     */
    public static SequentialLR sequentialLR(Optimizer opt, List<? extends LrScheduler> schedulers, int... milestones) {
        return new SequentialLR(opt, schedulers, milestones);
    }

    /**
     * Children stepped together; their factors multiply.
     *
     * @param schedulers the schedulers, attached to the same optimizer
     * @return the scheduler, attached to {@code opt}: Children stepped together; their factors multiply
     */
    public static ChainedScheduler chainedScheduler(Scheduler... schedulers) {
        return new ChainedScheduler(List.of(schedulers));
    }

    /**
     * ReduceLROnPlateau with torch's defaults (MIN, factor 0.1, patience 10); use its builder for more.
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @return the scheduler, attached to {@code opt}: ReduceLROnPlateau with torch's defaults (MIN, factor 0.1, patience 10); use its builder for more
     */
    public static ReduceLROnPlateau reduceLROnPlateau(Optimizer opt) {
        return ReduceLROnPlateau.builder().build(opt);
    }

    /**
     * ReduceLROnPlateau, MIN mode, with the given factor and patience.
     *
     * @param opt the optimizer to attach to (its rates are written by the scheduler)
     * @param factor the factor f(t) of step t
     * @param patience the epochs without improvement tolerated before a cut, ≥ 0
     * @return the scheduler, attached to {@code opt}: ReduceLROnPlateau, MIN mode, with the given factor and patience
     */
    public static ReduceLROnPlateau reduceLROnPlateau(Optimizer opt, double factor, int patience) {
        return ReduceLROnPlateau.builder().factor(factor).patience(patience).build(opt);
    }
}
