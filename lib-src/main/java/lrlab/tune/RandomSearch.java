package lrlab.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random search (Bergstra &amp; Bengio 2012): {@code trials} rates drawn log-uniformly,
 * lr = exp(U(ln lo, ln hi)), from a seeded {@link SplittableRandom}, each with the same budget.
 */
public final class RandomSearch implements Tuner {

    private final double lo;
    private final double hi;
    private final int trials;
    private final int budget;
    private final long seed;

    private RandomSearch(double lo, double hi, int trials, int budget, long seed) {
        this.lo = lo;
        this.hi = hi;
        this.trials = trials;
        this.budget = budget;
        this.seed = seed;
    }

    /**
     * Log-uniform over [lo, hi]; defaults 20 trials, budget 1, seed 0.
     *
     * @param lo the smallest rate, finite and &gt; 0
     * @param hi the largest rate, finite and &gt; lo
     * @return a new random search over [lo, hi]
     */
    public static RandomSearch logUniform(double lo, double hi) {
        Tuner.checkRange(lo, hi);
        return new RandomSearch(lo, hi, 20, 1, 0);
    }

    /**
     * Number of trials, ≥ 1.
     *
     * @param trials the number of trials, ≥ 1
     * @return a copy with that many trials
     */
    public RandomSearch trials(int trials) {
        Tuner.checkBudget("trials", trials);
        return new RandomSearch(lo, hi, trials, budget, seed);
    }

    /**
     * Budget of every trial, ≥ 1.
     *
     * @param budget the budget of every trial, ≥ 1
     * @return a copy with that budget
     */
    public RandomSearch budget(int budget) {
        Tuner.checkBudget("budget", budget);
        return new RandomSearch(lo, hi, trials, budget, seed);
    }

    /**
     * Seed of the draws.
     *
     * @param seed the seed of the random draws
     * @return a copy with that seed
     */
    public RandomSearch seed(long seed) {
        return new RandomSearch(lo, hi, trials, budget, seed);
    }

    @Override
    public TuningResult run(RateObjective objective) {
        SplittableRandom rng = new SplittableRandom(seed);
        double a = Math.log(lo);
        double b = Math.log(hi);
        List<Trial> out = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            double r = Math.exp(a + (b - a) * rng.nextDouble());
            out.add(new Trial(t + 1, r, budget, objective.loss(r, budget)));
        }
        return new TuningResult("random", out);
    }
}
