package lrlab.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import lrlab.trace.Trajectory;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a recorded run says about its learning rate: a {@link RunClass verdict}, the evidence as
 * named numbers (see {@link RunClassifier.Evidence}), and a factor to multiply the learning rate by
 * (0.1 when it diverged, 0.5 when it oscillates, 2–10 when it stalled, 1 when it is fine). A richer
 * form of the course text's {@code diagnose_lr}. Immutable.
 *
 * <pre>{@code
 * Diagnosis d = Diagnosis.of(GradientDescent.on(f).from(7).steps(50).run(0.6));
 * d;                       // readable verdict, advice and evidence
 * d.suggestedLrFactor();   // e.g. 10.0
 * d.table();               // evidence | value | meaning
 * }</pre>
 */
public final class Diagnosis {
    private final RunClass verdict;
    private final Map<String, Double> evidence;
    private final double suggestedLrFactor;
    private final double lr;

    Diagnosis(RunClass verdict, Map<String, Double> evidence, double suggestedLrFactor, double lr) {
        this.verdict = verdict;
        this.evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        this.suggestedLrFactor = suggestedLrFactor;
        this.lr = lr;
    }

    /**
     * The diagnosis of a loss history with the default thresholds.
     *
     * @param losses the losses ℓ_0 … ℓ_{n−1}
     * @return the diagnosis of {@code losses}
     */
    public static Diagnosis of(double[] losses) {
        return RunClassifier.defaults().diagnose(losses);
    }

    /**
     * The diagnosis of a loss history and its parameter vectors with the default thresholds.
     *
     * @param losses the losses ℓ_0 … ℓ_{n−1}
     * @param params θ after each step, one row per loss (or one more or fewer)
     * @return the diagnosis of {@code losses} and {@code params}
     */
    public static Diagnosis of(double[] losses, double[][] params) {
        return RunClassifier.defaults().diagnose(losses, params);
    }

    /**
     * The diagnosis of a gradient-descent run with the default thresholds.
     *
     * @param run a run of {@code GradientDescent}: its losses, iterates, rate and divergence flag
     * @return the verdict, the evidence and the suggested factor for its rate
     */
    public static Diagnosis of(Trajectory run) {
        return RunClassifier.defaults().diagnose(run);
    }

    /** @return the verdict */
    public RunClass verdict() {
        return verdict;
    }

    /** @return the evidence, by name, in a fixed order (unmodifiable) */
    public Map<String, Double> evidence() {
        return evidence;
    }

    /**
     * One evidence value, e.g. {@code evidence("sign_flip_rate")}.
     *
     * @param name an evidence name, e.g. "sign_flip_rate"
     * @return one evidence value, e.g. {@code evidence("sign_flip_rate")}
     * @throws IllegalArgumentException for an unknown name
     */
    public double evidence(String name) {
        Double v = evidence.get(name);
        Check.that(v != null, () -> "evidence name must be one of " + evidence.keySet() + ", got " + name);
        return v;
    }

    /** @return the factor to multiply the learning rate by: 0.1 diverged, 0.5 oscillating, 2–10 stalled, 1 otherwise */
    public double suggestedLrFactor() {
        return suggestedLrFactor;
    }

    /** @return the run's (last) learning rate, NaN when the history did not carry one */
    public double lr() {
        return lr;
    }

    /** @return lr × {@link #suggestedLrFactor()}, NaN when the learning rate is unknown */
    public double suggestedLr() {
        return lr * suggestedLrFactor;
    }

    /** @return one sentence a student can act on */
    public String advice() {
        switch (verdict) {
            case DIVERGING:
                return "LR too high: the run diverged; divide the learning rate by 10.";
            case OSCILLATING:
                return "LR at the edge of stability: the updates keep flipping without converging; halve the learning rate.";
            case STALLED:
                return "LR too low: the loss is still falling at the end; multiply the learning rate by "
                        + fmt(suggestedLrFactor) + ".";
            case ZIG_ZAG:
                return "LR works but overshoots: the run converged in a zig-zag; a somewhat smaller rate would converge in fewer steps.";
            default:
                return "LR appears reasonable: the run converged.";
        }
    }

    private static String meaning(String name) {
        switch (name) {
            case RunClassifier.Evidence.STEPS: return "number of losses";
            case RunClassifier.Evidence.FIRST_LOSS: return "loss at the start";
            case RunClassifier.Evidence.LAST_LOSS: return "last finite loss";
            case RunClassifier.Evidence.LOSS_RATIO: return "last loss / first loss";
            case RunClassifier.Evidence.IMPROVEMENT: return "(first - last) / |first|";
            case RunClassifier.Evidence.FRACTION_INCREASING: return "share of steps where the loss went up";
            case RunClassifier.Evidence.RECENT_SHARE: return "change over the last 10% / total drop (small = levelled off)";
            case RunClassifier.Evidence.RECENT_SWING: return "max/min of the last 10 losses (> 2 = swinging)";
            case RunClassifier.Evidence.LOG_LOSS_SLOPE: return "slope of ln(loss) per step (< 0 = falling)";
            case RunClassifier.Evidence.SIGN_FLIP_RATE: return "share of updates reversing the previous one";
            case RunClassifier.Evidence.UPDATE_RATIO: return "median update_{k+1}/update_k (1 - lr*a on a quadratic)";
            case RunClassifier.Evidence.MAX_ABS_PARAM: return "largest |parameter|";
            case RunClassifier.Evidence.STOPPED: return "1 if the run was stopped as diverged";
            case RunClassifier.Evidence.FIRST_NON_FINITE: return "first row with NaN/Inf, -1 if none";
            default: return "";
        }
    }

    /** @return the evidence as a table: columns evidence, value, meaning */
    public Table table() {
        int n = evidence.size();
        String[] names = new String[n];
        double[] values = new double[n];
        String[] meanings = new String[n];
        int i = 0;
        for (Map.Entry<String, Double> e : evidence.entrySet()) {
            names[i] = e.getKey();
            values[i] = e.getValue();
            meanings[i] = meaning(e.getKey());
            i++;
        }
        return Table.create("diagnosis: " + verdict,
                StringColumn.create("evidence", names),
                DoubleColumn.create("value", values),
                StringColumn.create("meaning", meanings));
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.valueOf((long) v);
        String t = String.format(Locale.ROOT, "%.4g", v);
        if (t.contains(".") && !t.contains("e")) t = t.replaceAll("0+$", "").replaceAll("\\.$", "");
        return t;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append("Verdict: ").append(verdict).append('\n');
        s.append(advice()).append('\n');
        s.append("Suggested lr factor: x").append(fmt(suggestedLrFactor));
        if (!Double.isNaN(lr)) s.append(" (lr ").append(fmt(lr)).append(" -> ").append(fmt(suggestedLr())).append(')');
        s.append('\n').append("Evidence:\n");
        for (Map.Entry<String, Double> e : evidence.entrySet()) {
            s.append(String.format(Locale.ROOT, "  %-22s %12s  %s%n", e.getKey(), fmt(e.getValue()), meaning(e.getKey())));
        }
        return s.toString();
    }
}
