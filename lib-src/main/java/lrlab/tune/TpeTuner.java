package lrlab.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A Tree-structured Parzen Estimator over one log-scale rate, in the spirit of Optuna's TPESampler
 * (Bergstra et al. 2011). In u = ln lr ∈ [ln lo, ln hi]: after {@code startupTrials} log-uniform random
 * trials, the completed trials are split into the γ best ("good", n_good = min(⌈0.1·n⌉, 25), Optuna's
 * default_gamma) and the rest ("bad"); each set gets a Parzen estimator, a truncated-Gaussian mixture with
 * one component per observation plus a prior component N(mid, hi − lo) of weight 1, each σ the larger
 * gap to its sorted neighbours (range ends included) clipped to [(hi − lo)/min(100, 1 + n), hi − lo]
 * (Optuna's univariate estimator). {@code candidates} (default 24, Optuna's n_ei_candidates) rates are
 * drawn from l(u) = good density and the one maximising l(u)/g(u) is evaluated next. Seeded.
 */
public final class TpeTuner implements Tuner {

    private final double lo;
    private final double hi;
    private final int trials;
    private final int startupTrials;
    private final int candidates;
    private final int budget;
    private final long seed;

    private TpeTuner(double lo, double hi, int trials, int startupTrials, int candidates, int budget, long seed) {
        this.lo = lo;
        this.hi = hi;
        this.trials = trials;
        this.startupTrials = startupTrials;
        this.candidates = candidates;
        this.budget = budget;
        this.seed = seed;
    }

    /**
     * Over [lo, hi] in log scale; defaults 30 trials, 10 startup trials (Optuna), 24 candidates, budget 1, seed 0.
     *
     * @param lo the smallest rate, finite and &gt; 0
     * @param hi the largest rate, finite and &gt; lo
     * @return a new TPE tuner over [lo, hi]
     */
    public static TpeTuner logUniform(double lo, double hi) {
        Tuner.checkRange(lo, hi);
        return new TpeTuner(lo, hi, 30, 10, 24, 1, 0);
    }

    /**
     * Total number of trials, ≥ 1.
     *
     * @param trials the number of trials, ≥ 1
     * @return a copy with that many trials
     */
    public TpeTuner trials(int trials) {
        Tuner.checkBudget("trials", trials);
        return new TpeTuner(lo, hi, trials, startupTrials, candidates, budget, seed);
    }

    /**
     * Random trials before the model is used, ≥ 1.
     *
     * @param startup the random trials first, ≥ 1
     * @return a copy with that many startup trials
     */
    public TpeTuner startupTrials(int startup) {
        Tuner.checkBudget("startupTrials", startup);
        return new TpeTuner(lo, hi, trials, startup, candidates, budget, seed);
    }

    /**
     * Candidates drawn from l(u) per trial, ≥ 1.
     *
     * @param candidates the candidates per trial, ≥ 1
     * @return a copy with that many candidates
     */
    public TpeTuner candidates(int candidates) {
        Tuner.checkBudget("candidates", candidates);
        return new TpeTuner(lo, hi, trials, startupTrials, candidates, budget, seed);
    }

    /**
     * Budget of every trial, ≥ 1.
     *
     * @param budget the budget of every trial, ≥ 1
     * @return a copy with that budget
     */
    public TpeTuner budget(int budget) {
        Tuner.checkBudget("budget", budget);
        return new TpeTuner(lo, hi, trials, startupTrials, candidates, budget, seed);
    }

    /**
     * Seed of all draws.
     *
     * @param seed the seed of the random draws
     * @return a copy with that seed
     */
    public TpeTuner seed(long seed) {
        return new TpeTuner(lo, hi, trials, startupTrials, candidates, budget, seed);
    }

    @Override
    public TuningResult run(RateObjective objective) {
        SplittableRandom rng = new SplittableRandom(seed);
        double a = Math.log(lo);
        double b = Math.log(hi);
        List<Trial> done = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            double u;
            if (t < startupTrials) {
                u = a + (b - a) * rng.nextDouble();
            } else {
                u = propose(done, a, b, rng);
            }
            double r = Math.exp(u);
            done.add(new Trial(t + 1, r, budget, objective.loss(r, budget)));
        }
        return new TuningResult("tpe", done);
    }

    private double propose(List<Trial> done, double a, double b, SplittableRandom rng) {
        List<Trial> sorted = new ArrayList<>(done);
        sorted.sort(Comparator.comparingDouble(Trial::rankLoss));
        int n = sorted.size();
        int nGood = Math.max(1, Math.min((int) Math.ceil(0.1 * n), 25));
        double[] good = new double[nGood];
        double[] bad = new double[n - nGood];
        for (int i = 0; i < n; i++) {
            double u = Math.log(sorted.get(i).lr());
            if (i < nGood) {
                good[i] = u;
            } else {
                bad[i - nGood] = u;
            }
        }
        Parzen l = new Parzen(good, a, b);
        Parzen g = new Parzen(bad, a, b);
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates; c++) {
            double u = l.sample(rng);
            double score = l.logDensity(u) - g.logDensity(u);
            if (score > bestScore) {
                bestScore = score;
                best = u;
            }
        }
        return best;
    }

    /** Truncated-Gaussian mixture on [a, b]: observations plus a prior component, equal weights. */
    static final class Parzen {
        final double[] mu;
        final double[] sigma;
        final double[] mass;
        final double a;
        final double b;

        Parzen(double[] obs, double a, double b) {
            this.a = a;
            this.b = b;
            int n = obs.length;
            double range = b - a;
            double[] m = Arrays.copyOf(obs, n + 1);
            m[n] = 0.5 * (a + b);
            double[] s = new double[n + 1];
            double[] sortedObs = obs.clone();
            Arrays.sort(sortedObs);
            double minS = range / Math.min(100.0, 1.0 + (n + 1));
            for (int i = 0; i < n; i++) {
                int k = Arrays.binarySearch(sortedObs, obs[i]);
                double left = obs[i] - (k > 0 ? sortedObs[k - 1] : a);
                double right = (k < n - 1 ? sortedObs[k + 1] : b) - obs[i];
                s[i] = Math.max(minS, Math.min(range, Math.max(left, right)));
            }
            s[n] = range;
            this.mu = m;
            this.sigma = s;
            this.mass = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                mass[i] = Math.max(1e-300, phi((b - m[i]) / s[i]) - phi((a - m[i]) / s[i]));
            }
        }

        double logDensity(double u) {
            double sum = 0;
            for (int i = 0; i < mu.length; i++) {
                double z = (u - mu[i]) / sigma[i];
                sum += Math.exp(-0.5 * z * z) / (sigma[i] * Math.sqrt(2 * Math.PI) * mass[i]);
            }
            return Math.log(sum / mu.length);
        }

        double sample(SplittableRandom rng) {
            int i = rng.nextInt(mu.length);
            for (int tries = 0; tries < 100; tries++) {
                double u = mu[i] + sigma[i] * gaussian(rng);
                if (u >= a && u <= b) {
                    return u;
                }
            }
            return Math.max(a, Math.min(b, mu[i]));
        }

        private static double gaussian(SplittableRandom rng) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
        }

        /** Standard normal CDF via erfc (Numerical Recipes erfcc, relative error &lt; 1.2e−7). */
        static double phi(double x) {
            double z = Math.abs(x / Math.sqrt(2));
            double t = 1 / (1 + 0.5 * z);
            double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                    + t * (-0.82215223 + t * 0.17087277)))))))));
            // Φ(x) = erfc(−x/√2)/2, and erfc(−z) = 2 − erfc(z)
            return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
        }
    }
}
