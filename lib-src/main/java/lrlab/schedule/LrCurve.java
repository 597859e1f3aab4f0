package lrlab.schedule;

import java.util.Map;
import java.util.function.Function;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A schedule's whole lr curve as a Tablesaw table, without training anything: the schedule is
 * attached to an SGD optimizer with lr = baseLr and momentum 0.9 that is never stepped, and stepped
 * {@code steps} times, recording lr_t (the lr optimizer step t+1 would use) for t = 0..steps−1.
 *
 * <pre>{@code
 * Table t = LrCurve.of(0.1, 100, opt -> Schedulers.cosineAnnealingLR(opt, 100));
 * Table all = LrCurve.compare(0.1, 100, Map.of(
 *         "step", opt -> Schedulers.stepLR(opt, 30, 0.1),
 *         "1cycle", opt -> Schedulers.oneCycleLR(opt, 0.1, 100)));   // long format, column "run"
 * }</pre>
 */
public final class LrCurve {

    /** Momentum the never-stepped SGD optimizer starts with (torch SGD users' usual 0.9). */
    public static final double DEFAULT_MOMENTUM = 0.9;

    private LrCurve() {
    }

    /**
     * Columns step, lr, and momentum when the schedule cycles momentum (OneCycleLR, CyclicLR).
     *
     * @param baseLr the base learning rate η₀, finite and &gt; 0
     * @param steps the number of steps
     * @param schedule optimizer → scheduler
     * @return columns step, lr, and momentum when the schedule cycles momentum (OneCycleLR, CyclicLR)
     */
    public static Table of(double baseLr, int steps, Function<Optimizer, ? extends Scheduler> schedule) {
        return build(null, baseLr, steps, schedule);
    }

    /**
     * As {@link #of}, with a first column {@code run} holding {@code name} on every row.
     *
     * @param name the name shown in tables and legends
     * @param baseLr the base learning rate η₀, finite and &gt; 0
     * @param steps the number of steps
     * @param schedule optimizer → scheduler
     * @return as {@link #of}, with a first column {@code run} holding {@code name} on every row
     */
    public static Table named(String name, double baseLr, int steps, Function<Optimizer, ? extends Scheduler> schedule) {
        Check.notNull("name", name);
        return build(name, baseLr, steps, schedule);
    }

    /**
     * Several schedules in long format (columns run, step, lr[, momentum]), one block of rows per
     * entry in the map's iteration order (use a LinkedHashMap to fix it). The momentum column is
     * present when any schedule cycles momentum; the others then show the constant starting value.
     *
     * @param baseLr the base learning rate η₀, finite and &gt; 0
     * @param steps the number of steps
     * @param schedules name → (optimizer → scheduler), in the order of the runs
     * @return several schedules in long format (columns run, step, lr[, momentum]), one block of rows per entry in the map's iteration order (use a LinkedHashMap to fix it)
     */
    public static Table compare(double baseLr, int steps,
            Map<String, ? extends Function<Optimizer, ? extends Scheduler>> schedules) {
        Check.that(schedules != null && !schedules.isEmpty(), () -> "schedules must name at least one schedule, got none");
        Table all = null;
        boolean anyMomentum = false;
        java.util.List<Table> parts = new java.util.ArrayList<>();
        for (var e : schedules.entrySet()) {
            Table t = build(e.getKey(), baseLr, steps, e.getValue(), true);
            anyMomentum |= t.columnNames().contains("momentum") && t.doubleColumn("momentum").countUnique() > 1;
            parts.add(t);
        }
        for (Table t : parts) {
            if (!anyMomentum) {
                t.removeColumns("momentum");
            }
            all = all == null ? t : all.append(t);
        }
        return all.setName("lr curves");
    }

    /**
     * The partial sums S₁(T) = Σ_{t&lt;T} η_t and S₂(T) = Σ_{t&lt;T} η_t² of each schedule at each horizon T,
     * the two series of the Robbins–Monro conditions (S₁ → ∞ so the run can travel any distance,
     * S₂ &lt; ∞ so the noise it accumulates stays bounded). Long format: run, steps, sum_lr,
     * sum_lr_squared; one pass per schedule up to the largest horizon.
     *
     * @param horizons step counts T ≥ 1, in increasing order
     * @param baseLr the base learning rate η₀, finite and &gt; 0
     * @param schedules name → (optimizer → scheduler), in the order of the runs
     * @return the partial sums S₁(T) = Σ_{t&lt;T} η_t and S₂(T) = Σ_{t&lt;T} η_t² of each schedule at each horizon T, the two series of the Robbins–Monro conditions (S₁ → ∞ so the run can travel any distance, S₂ &lt; ∞ so the noise it accumulates stays bounded)
     */
    public static Table sums(double baseLr, Map<String, ? extends Function<Optimizer, ? extends Scheduler>> schedules,
            int... horizons) {
        Check.positive("baseLr", baseLr);
        Check.that(schedules != null && !schedules.isEmpty(), () -> "schedules must name at least one schedule, got none");
        Check.that(horizons != null && horizons.length != 0, () -> "horizons must name at least one step count, got none");
        for (int i = 0; i < horizons.length; i++) {
            Check.positive("horizons[" + i + "]", horizons[i]);
            int k = i;
            Check.that(k == 0 || horizons[k] > horizons[k - 1], () -> "horizons must increase, got " + horizons[k - 1] + " then "
                    + horizons[k]);
        }
        StringColumn names = StringColumn.create("run");
        IntColumn steps = IntColumn.create("steps");
        DoubleColumn s1 = DoubleColumn.create("sum_lr");
        DoubleColumn s2 = DoubleColumn.create("sum_lr_squared");
        for (var e : schedules.entrySet()) {
            Optimizer opt = Optimizers.sgd(baseLr).momentum(DEFAULT_MOMENTUM).build();
            Scheduler s = e.getValue().apply(opt);
            Check.that(s != null && s.optimizer() == opt, () -> "schedule '" + e.getKey()
                    + "' must attach a scheduler to the optimizer it is given");
            double sum = 0;
            double sumSq = 0;
            int next = 0;
            for (int t = 0; t < horizons[horizons.length - 1]; t++) {
                double lr = s.lastLr();
                sum += lr;
                sumSq += lr * lr;
                if (t + 1 == horizons[next]) {
                    names.append(e.getKey());
                    steps.append(t + 1);
                    s1.append(sum);
                    s2.append(sumSq);
                    next++;
                }
                s.step();
            }
        }
        return Table.create("partial sums").addColumns(names, steps, s1, s2);
    }

    private static Table build(String name, double baseLr, int steps, Function<Optimizer, ? extends Scheduler> schedule) {
        return build(name, baseLr, steps, schedule, false);
    }

    private static Table build(String name, double baseLr, int steps, Function<Optimizer, ? extends Scheduler> schedule,
            boolean alwaysMomentum) {
        Check.positive("baseLr", baseLr);
        Check.positive("steps", steps);
        Check.notNull("schedule", schedule);
        Optimizer opt = Optimizers.sgd(baseLr).momentum(DEFAULT_MOMENTUM).build();
        Scheduler s = schedule.apply(opt);
        Check.that(s != null && s.optimizer() == opt, () -> "schedule must attach a scheduler to the optimizer it is given");
        int[] step = new int[steps];
        double[] lr = new double[steps];
        double[] momentum = new double[steps];
        for (int t = 0; t < steps; t++) {
            step[t] = t;
            lr[t] = s.lastLr();
            momentum[t] = opt.momentum(0);
            if (t < steps - 1) {
                s.step();
            }
        }
        Table table = Table.create(name == null ? "lr curve" : name);
        if (name != null) {
            StringColumn names = StringColumn.create("run", steps);
            for (int t = 0; t < steps; t++) {
                names.set(t, name);
            }
            table.addColumns(names);
        }
        table.addColumns(IntColumn.create("step", step), DoubleColumn.create("lr", lr));
        if (alwaysMomentum || s.cyclesMomentum()) {
            table.addColumns(DoubleColumn.create("momentum", momentum));
        }
        return table;
    }
}
