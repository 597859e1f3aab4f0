package lrlab.lesson;

import java.util.Map;
import java.util.function.LongFunction;
import lrlab.tune.RateObjective;
import lrlab.tune.Tuner;
import lrlab.tune.TuningResult;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Several tuners' results side by side: the "best loss reached vs budget spent" curves (one long table)
 * and a one-row-per-method summary.
 */
public final class TunerRace {

    private TunerRace() {
    }

    /**
     * Long table run (the tuner), trial, spent (cumulative budget), best_so_far; rows before the first finite loss
     * are dropped (a chart cannot draw +∞).
     *
     * @param results the results, at least one
     * @return long table run (the tuner), trial, spent (cumulative budget), best_so_far; rows before the first finite loss are dropped (a chart cannot draw +∞)
     */
    public static Table curves(TuningResult... results) {
        check(results);
        Table out = Table.create("best loss vs budget spent").addColumns(StringColumn.create("run"),
                IntColumn.create("trial"), LongColumn.create("spent"), DoubleColumn.create("best_so_far"));
        for (TuningResult r : results) {
            Table t = r.table();
            for (int i = 0; i < t.rowCount(); i++) {
                double best = t.doubleColumn("best_so_far").get(i);
                if (Double.isFinite(best)) {
                    out.stringColumn("run").append(r.method());
                    out.intColumn("trial").append(t.intColumn("trial").get(i));
                    out.longColumn("spent").append(t.longColumn("spent").get(i));
                    out.doubleColumn("best_so_far").append(best);
                }
            }
        }
        return out;
    }

    /**
     * One row per tuner: run (the tuner), trials, budget_spent, best_lr, best_loss.
     *
     * @param results the results, at least one
     * @return one row per tuner: run (the tuner), trials, budget_spent, best_lr, best_loss
     */
    public static Table summary(TuningResult... results) {
        check(results);
        Table out = Table.create("tuners on one budget").addColumns(StringColumn.create("run"),
                IntColumn.create("trials"), LongColumn.create("budget_spent"), DoubleColumn.create("best_lr"),
                DoubleColumn.create("best_loss"));
        for (TuningResult r : results) {
            out.stringColumn("run").append(r.method());
            out.intColumn("trials").append(r.trials().size());
            out.longColumn("budget_spent").append(r.totalBudget());
            out.doubleColumn("best_lr").append(r.bestLr());
            out.doubleColumn("best_loss").append(r.best().loss());
        }
        return out;
    }

    /**
     * The same tuners again with other seeds, to see how much of a ranking is luck: one row per tuner and
     * seed, run (the map's key), seed, trials, budget_spent, best_lr, best_loss.
     *
     * @param objective what every tuner minimises
     * @param tuners name → (seed → tuner)
     * @param seeds at least one seed
     * @return the same tuners again with other seeds, to see how much of a ranking is luck: one row per tuner and seed, run (the map's key), seed, trials, budget_spent, best_lr, best_loss
     */
    public static Table overSeeds(RateObjective objective, Map<String, LongFunction<Tuner>> tuners, long... seeds) {
        Check.notNull("objective", objective);
        Check.that(tuners != null && !tuners.isEmpty(), () -> "tuners must not be empty");
        Check.that(seeds != null && seeds.length != 0, () -> "seeds must not be empty");
        Table out = Table.create("tuners over random streams").addColumns(StringColumn.create("run"), LongColumn.create("seed"),
                IntColumn.create("trials"), LongColumn.create("budget_spent"), DoubleColumn.create("best_lr"),
                DoubleColumn.create("best_loss"));
        for (Map.Entry<String, LongFunction<Tuner>> e : tuners.entrySet()) {
            for (long seed : seeds) {
                TuningResult r = Check.notNull("tuner for " + e.getKey(), e.getValue().apply(seed)).run(objective);
                out.stringColumn("run").append(e.getKey());
                out.longColumn("seed").append(seed);
                out.intColumn("trials").append(r.trials().size());
                out.longColumn("budget_spent").append(r.totalBudget());
                out.doubleColumn("best_lr").append(r.bestLr());
                out.doubleColumn("best_loss").append(r.best().loss());
            }
        }
        return out;
    }

    private static void check(TuningResult[] results) {
        Check.that(results != null && results.length != 0, () -> "results must not be empty");
        for (TuningResult r : results) {
            Check.that(r != null, () -> "results must not contain null");
        }
    }
}
