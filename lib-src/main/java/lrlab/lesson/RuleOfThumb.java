package lrlab.lesson;

import java.util.LinkedHashSet;
import java.util.List;
import lrlab.display.SensitivityChart;
import lrlab.util.Check;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The rule-of-thumb starting rates of the course text ("Learning Rate and Step Size", Practical Learning
 * Rate Selection), every row, each marked by whether notebook 7 can measure it:
 * <ul>
 *   <li>linear regression, logistic regression [0.01, 0.1] and simple neural networks [0.001, 0.01] are
 *       measured with SGD (the rows name no optimizer; the deep-network rows separate SGD from Adam);</li>
 *   <li>deep networks (Adam) [10⁻⁴, 10⁻³] is the table's only Adam row, so it stands in for Adam on all three
 *       problems, a stretch for the two regressions that the notebook points out;</li>
 *   <li>deep networks (SGD), Transformers and fine-tuning are not measurable here: the course has no deep
 *       network, no Transformer and no pretrained model.</li>
 * </ul>
 * A measured good range [η_lo, η_hi] <em>overlaps</em> the table's [a, b] when a ≤ η_hi and η_lo ≤ b
 * (compared with a relative slack of 10⁻⁴ for grid rounding).
 *
 * <pre>{@code
 * table(RuleOfThumb.table());
 * table(RuleOfThumb.compare(Sensitivity.goodRanges(sweeps, 0.25)));
 * }</pre>
 */
public final class RuleOfThumb {

    private static final double SLACK = 1.0001;

    /** One row of the course text's table and how this course uses it. */
    private record Row(String name, double from, double to, String measured, String runs, String note) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("Linear regression", 0.01, 0.1, "yes", "linear · SGD", "read as SGD: the row names no optimizer"),
            new Row("Logistic regression", 0.01, 0.1, "yes", "logistic · SGD", "read as SGD"),
            new Row("Simple neural networks", 0.001, 0.01, "yes", "MLP · SGD", "the 64-32-10 network, read as SGD"),
            new Row("Deep networks (SGD)", 0.01, 0.1, "no", "", "the course has no deep network"),
            new Row("Deep networks (Adam)", 1e-4, 1e-3, "stand-in", "linear, logistic, MLP · Adam",
                    "the table's only Adam row, used for all three problems"),
            new Row("Transformers", 1e-5, 1e-4, "no", "", "the course has no Transformer"),
            new Row("Fine-tuning pretrained", 1e-5, 5e-5, "no", "", "the course has no pretrained model"));

    private RuleOfThumb() {
    }

    /**
     * The row of the course text's table that notebook 7 compares a run with: SGD runs with the row of
     * their problem, Adam runs with "Deep networks (Adam)"; null when the table has none.
     */
    private static Row rowFor(String problem, String optimizer) {
        if ("Adam".equals(optimizer) && List.of("linear", "logistic", "MLP").contains(problem)) {
            return ROWS.get(4);
        }
        if ("SGD".equals(optimizer)) {
            switch (problem == null ? "" : problem) {
                case "linear": return ROWS.get(0);
                case "logistic": return ROWS.get(1);
                case "MLP": return ROWS.get(2);
                default: return null;
            }
        }
        return null;
    }

    /**
     * Whether the table has a row for this problem ("linear", "logistic", "MLP") and optimizer ("SGD", "Adam").
     *
     * @param problem the sweep's problem name
     * @param optimizer the sweep's optimizer name
     * @return whether the table has a row for this problem ("linear", "logistic", "MLP") and optimizer ("SGD", "Adam")
     */
    public static boolean covers(String problem, String optimizer) {
        return rowFor(problem, optimizer) != null;
    }

    /**
     * The name of the course text's row used for a problem and optimizer, e.g. "Deep networks (Adam)" for
     * ("linear", "Adam"); IllegalArgumentException when there is none.
     *
     * @param problem the sweep's problem name
     * @param optimizer the sweep's optimizer name
     * @return the name of the course text's row used for a problem and optimizer, e.g. "Deep networks (Adam)" for ("linear", "Adam"); IllegalArgumentException when there is none
     */
    public static String rowName(String problem, String optimizer) {
        return require(problem, optimizer).name();
    }

    /**
     * The table's {from, to} for a problem and optimizer; IllegalArgumentException when it has none.
     *
     * @param problem the sweep's problem name
     * @param optimizer the sweep's optimizer name
     * @return the table's {from, to} for a problem and optimizer; IllegalArgumentException when it has none
     */
    public static double[] range(String problem, String optimizer) {
        Row r = require(problem, optimizer);
        return new double[] {r.from(), r.to()};
    }

    private static Row require(String problem, String optimizer) {
        Row r = rowFor(problem, optimizer);
        Check.that(r != null, () -> "the course text's table has no row for problem '" + problem
                + "' with optimizer '" + optimizer + "': use problem linear, logistic or MLP with SGD or Adam");
        return r;
    }

    /**
     * The whole table of the course text, one row per line: row, from, to, measured_here ("yes", "stand-in"
     * or "no"), runs (the sweeps compared with it) and note (why, or how it is read).
     *
     * @return the whole table of the course text, one row per line: row, from, to, measured_here ("yes", "stand-in" or "no"), runs (the sweeps compared with it) and note (why, or how it is read)
     */
    public static Table table() {
        Table t = Table.create("the course text's starting rates").addColumns(StringColumn.create("row"),
                DoubleColumn.create("from"), DoubleColumn.create("to"), StringColumn.create("measured_here"),
                StringColumn.create("runs"), StringColumn.create("note"));
        for (Row r : ROWS) {
            t.stringColumn("row").append(r.name());
            t.doubleColumn("from").append(r.from());
            t.doubleColumn("to").append(r.to());
            t.stringColumn("measured_here").append(r.measured());
            t.stringColumn("runs").append(r.runs());
            t.stringColumn("note").append(r.note());
        }
        return t;
    }

    /**
     * A copy of {@code ranges} (a {@link Sensitivity#goodRanges} or {@link Sensitivity#rangesBelow} table, with
     * problem and optimizer columns) plus table_row (the course text's row used), table_range ("1e-02–1e-01")
     * and overlaps (the measured good range meets the table's range). Every row's problem and optimizer must
     * be covered by the table.
     *
     * @param ranges measured good ranges (not modified)
     * @return a copy of {@code ranges} (a {@link Sensitivity#goodRanges} or {@link Sensitivity#rangesBelow} table, with problem and optimizer columns) plus table_row (the course text's row used), table_range ("1e-02–1e-01") and overlaps (the measured good range meets the table's range)
     */
    public static Table compare(Table ranges) {
        Table out = ranges.copy();
        StringColumn row = StringColumn.create("table_row");
        StringColumn label = StringColumn.create("table_range");
        BooleanColumn overlaps = BooleanColumn.create("overlaps");
        for (int i = 0; i < ranges.rowCount(); i++) {
            Row r = require(ranges.stringColumn("problem").get(i), ranges.stringColumn("optimizer").get(i));
            double from = ranges.doubleColumn("good_from").get(i);
            double to = ranges.doubleColumn("good_to").get(i);
            row.append(r.name());
            label.append(String.format("%.0e–%.0e", r.from(), r.to()));
            overlaps.append(r.from() <= SLACK * to && from <= SLACK * r.to());
        }
        return out.addColumns(row, label, overlaps);
    }

    /**
     * A {@link SensitivityChart} of one problem's rows of a sweep table (val_loss against lr, one line per
     * optimizer) with the table's range shaded for each optimizer the table covers.
     *
     * @param title chart title
     * @param sweeps a {@link Sensitivity#sweep} table (not modified)
     * @param problem the problem whose rows are drawn
     * @return a {@link SensitivityChart} of one problem's rows of a sweep table (val_loss against lr, one line per optimizer) with the table's range shaded for each optimizer the table covers
     */
    public static SensitivityChart chart(String title, Table sweeps, String problem) {
        Table rows = sweeps.where(sweeps.stringColumn("problem").isEqualTo(problem));
        Check.that(!rows.isEmpty(), () -> "no sweep rows for problem '" + problem + "'");
        SensitivityChart chart = SensitivityChart.of(title, rows, "lr", "val_loss", "optimizer");
        for (String optimizer : new LinkedHashSet<>(rows.stringColumn("optimizer").asList())) {
            if (covers(problem, optimizer)) {
                Row r = rowFor(problem, optimizer);
                chart.band(String.format("table, %s: %.0e–%.0e", optimizer, r.from(), r.to()), r.from(), r.to());
            }
        }
        return chart;
    }
}
