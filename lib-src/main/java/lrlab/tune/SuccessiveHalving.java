package lrlab.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import lrlab.util.Check;

/**
 * Successive halving (Jamieson &amp; Talwalkar 2016; the inner loop of Hyperband, Li et al. 2018):
 * start {@code rates} log-uniform seeded rates at budget r; after each rung keep the best ⌈n/η⌉ and
 * multiply the budget by η, until one rate is left or the budget would exceed {@code maxBudget}. Bad
 * rates are stopped early after spending only the small budgets. Defaults: 27 rates, r = 1, η = 3
 * (Hyperband's η), maxBudget = r·η^⌈log_η rates⌉, seed 0. Each rung re-evaluates from scratch at its
 * budget (the objective is a function of (lr, budget)).
 */
public final class SuccessiveHalving implements Tuner {

    private final double lo;
    private final double hi;
    private final int rates;
    private final int minBudget;
    private final int eta;
    private final int maxBudget;
    private final long seed;

    private SuccessiveHalving(double lo, double hi, int rates, int minBudget, int eta, int maxBudget, long seed) {
        this.lo = lo;
        this.hi = hi;
        this.rates = rates;
        this.minBudget = minBudget;
        this.eta = eta;
        this.maxBudget = maxBudget;
        this.seed = seed;
    }

    /**
     * Log-uniform initial rates over [lo, hi].
     *
     * @param lo the smallest rate, finite and &gt; 0
     * @param hi the largest rate, finite and &gt; lo
     * @return a new successive-halving tuner over [lo, hi]
     */
    public static SuccessiveHalving logUniform(double lo, double hi) {
        Tuner.checkRange(lo, hi);
        return new SuccessiveHalving(lo, hi, 27, 1, 3, 0, 0);
    }

    /**
     * Number of initial rates, ≥ 2.
     *
     * @param rates the number of initial rates, ≥ 2
     * @return a copy with that many initial rates
     */
    public SuccessiveHalving rates(int rates) {
        Check.atLeast("rates", rates, 2);
        return new SuccessiveHalving(lo, hi, rates, minBudget, eta, maxBudget, seed);
    }

    /**
     * Budget of the first rung r, ≥ 1.
     *
     * @param r r
     * @return a copy with that minimum budget
     */
    public SuccessiveHalving minBudget(int r) {
        Tuner.checkBudget("minBudget", r);
        return new SuccessiveHalving(lo, hi, rates, r, eta, maxBudget, seed);
    }

    /**
     * Reduction factor η ≥ 2.
     *
     * @param eta the reduction factor η ≥ 2
     * @return a copy with that η
     */
    public SuccessiveHalving eta(int eta) {
        Check.atLeast("eta", eta, 2);
        return new SuccessiveHalving(lo, hi, rates, minBudget, eta, maxBudget, seed);
    }

    /**
     * Largest budget a rung may use, ≥ 1 (0 = no cap).
     *
     * @param maxBudget the largest budget, ≥ 0 (0: no cap)
     * @return a copy with that maximum budget
     */
    public SuccessiveHalving maxBudget(int maxBudget) {
        Check.that(maxBudget >= 0, () -> "maxBudget must be >= 0 (0 = no cap), got " + maxBudget);
        return new SuccessiveHalving(lo, hi, rates, minBudget, eta, maxBudget, seed);
    }

    /**
     * Seed of the initial rates.
     *
     * @param seed the seed of the random draws
     * @return a copy with that seed
     */
    public SuccessiveHalving seed(long seed) {
        return new SuccessiveHalving(lo, hi, rates, minBudget, eta, maxBudget, seed);
    }

    @Override
    public TuningResult run(RateObjective objective) {
        SplittableRandom rng = new SplittableRandom(seed);
        double a = Math.log(lo);
        double b = Math.log(hi);
        List<Double> alive = new ArrayList<>();
        for (int i = 0; i < rates; i++) {
            alive.add(Math.exp(a + (b - a) * rng.nextDouble()));
        }
        List<Trial> trials = new ArrayList<>();
        long budget = minBudget;
        while (true) {
            List<Trial> rung = new ArrayList<>();
            for (double r : alive) {
                Trial t = new Trial(trials.size() + 1, r, (int) budget, objective.loss(r, (int) budget));
                trials.add(t);
                rung.add(t);
            }
            long next = budget * eta;
            if (alive.size() == 1 || (maxBudget > 0 && next > maxBudget) || next > Integer.MAX_VALUE) {
                break;
            }
            rung.sort(Comparator.comparingDouble(Trial::rankLoss));
            int keep = Math.max(1, (alive.size() + eta - 1) / eta);
            alive = new ArrayList<>();
            for (int i = 0; i < keep; i++) {
                alive.add(rung.get(i).lr());
            }
            budget = next;
        }
        return new TuningResult("successive halving", trials);
    }
}
