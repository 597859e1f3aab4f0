package lrlab.lesson;

import java.util.LinkedHashMap;
import java.util.Map;
import lrlab.display.SensitivityChart;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Seed 002's rule-of-thumb starting rates ("Practical Learning Rate Selection · Rule of Thumb Values"),
 * for the problems of notebook 7: linear and logistic regression η ∈ [0.01, 0.1], simple neural networks
 * η ∈ [0.001, 0.01] with SGD; with Adam the table's "deep networks (Adam)" row η ∈ [10⁻⁴, 10⁻³] for every
 * problem. A measured good range [η_lo, η_hi] <em>overlaps</em> the table's [a, b] when a ≤ η_hi and
 * η_lo ≤ b (compared with a relative slack of 10⁻⁴ for grid rounding).
 *
 * <pre>{@code
 * table(RuleOfThumb.table());
 * Plots.show(RuleOfThumb.chart("Linear regression", sweeps, "linear").logY().figure());
 * table(RuleOfThumb.compare(Sensitivity.goodRanges(sweeps, 0.25)));
 * }</pre>
 */
public final class RuleOfThumb {

    private static final double SLACK = 1.0001;
    /** problem → optimizer → {from, to}; the table of seed 002, in display order. */
    private static final Map<String, Map<String, double[]>> RANGES = new LinkedHashMap<>();
    private static final Map<String, String> SEED_ROW = new LinkedHashMap<>();

    static {
        put("linear", "SGD", 0.01, 0.1, "Linear regression");
        put("logistic", "SGD", 0.01, 0.1, "Logistic regression");
        put("MLP", "SGD", 0.001, 0.01, "Simple neural networks");
        for (String problem : new String[] {"linear", "logistic", "MLP"}) {
            put(problem, "Adam", 1e-4, 1e-3, "Deep networks (Adam)");
        }
    }

    private RuleOfThumb() {
    }

    private static void put(String problem, String optimizer, double from, double to, String seedRow) {
        RANGES.computeIfAbsent(problem, p -> new LinkedHashMap<>()).put(optimizer, new double[] {from, to});
        SEED_ROW.put(problem + " · " + optimizer, seedRow);
    }

    /** Whether the table has a range for this problem ("linear", "logistic", "MLP") and optimizer ("SGD", "Adam"). */
    public static boolean covers(String problem, String optimizer) {
        return RANGES.containsKey(problem) && RANGES.get(problem).containsKey(optimizer);
    }

    /** The table's {from, to} for a problem and optimizer; IllegalArgumentException when it has none. */
    public static double[] range(String problem, String optimizer) {
        if (!covers(problem, optimizer)) {
            throw new IllegalArgumentException("seed 002's table has no range for problem '" + problem
                    + "' with optimizer '" + optimizer + "'");
        }
        return RANGES.get(problem).get(optimizer).clone();
    }

    /** The table as notebook 7 uses it: problem, optimizer, from, to, seed_row (the row of seed 002 it comes from). */
    public static Table table() {
        Table t = Table.create("seed 002: rule-of-thumb starting rates").addColumns(StringColumn.create("problem"),
                StringColumn.create("optimizer"), DoubleColumn.create("from"), DoubleColumn.create("to"),
                StringColumn.create("seed_row"));
        RANGES.forEach((problem, byOptimizer) -> byOptimizer.forEach((optimizer, r) -> {
            t.stringColumn("problem").append(problem);
            t.stringColumn("optimizer").append(optimizer);
            t.doubleColumn("from").append(r[0]);
            t.doubleColumn("to").append(r[1]);
            t.stringColumn("seed_row").append(SEED_ROW.get(problem + " · " + optimizer));
        }));
        return t;
    }

    /**
     * A copy of {@code ranges} (a {@link Sensitivity#goodRanges} or {@link Sensitivity#rangesBelow} table, with
     * problem and optimizer columns) plus table_range ("1e-02–1e-01") and overlaps (measured good range
     * meets the table's range). Every row's problem and optimizer must be covered by the table.
     */
    public static Table compare(Table ranges) {
        Table out = ranges.copy();
        StringColumn label = StringColumn.create("table_range");
        BooleanColumn overlaps = BooleanColumn.create("overlaps");
        for (int i = 0; i < ranges.rowCount(); i++) {
            double[] r = range(ranges.stringColumn("problem").get(i), ranges.stringColumn("optimizer").get(i));
            double from = ranges.doubleColumn("good_from").get(i);
            double to = ranges.doubleColumn("good_to").get(i);
            label.append(String.format("%.0e–%.0e", r[0], r[1]));
            overlaps.append(r[0] <= SLACK * to && from <= SLACK * r[1]);
        }
        return out.addColumns(label, overlaps);
    }

    /**
     * A {@link SensitivityChart} of one problem's rows of a sweep table (val_loss against lr, one line per
     * optimizer) with the table's range shaded for each optimizer the table covers.
     */
    public static SensitivityChart chart(String title, Table sweeps, String problem) {
        Table rows = sweeps.where(sweeps.stringColumn("problem").isEqualTo(problem));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no sweep rows for problem '" + problem + "'");
        }
        SensitivityChart chart = SensitivityChart.of(title, rows, "lr", "val_loss", "optimizer");
        for (String optimizer : new java.util.LinkedHashSet<>(rows.stringColumn("optimizer").asList())) {
            if (covers(problem, optimizer)) {
                double[] r = RANGES.get(problem).get(optimizer);
                chart.band(String.format("table, %s: %.0e–%.0e", optimizer, r[0], r[1]), r[0], r[1]);
            }
        }
        return chart;
    }
}
