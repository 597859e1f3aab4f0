package lrlab.display;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.DoubleUnaryOperator;
import lrlab.display.Show;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.api.ScatterPlot;
import tech.tablesaw.plotly.components.Figure;

/**
 * One-line charts of the workbook's long tables (one row per run × step), built with tablesaw-jsplot
 * and returned as {@link PlotlyFigure}s to adjust and {@link #show}.
 */
public final class Plots {

    private Plots() {
    }

    /**
     * Shows a figure inline (see {@link Show#chart(PlotlyFigure)}).
     *
     * @param figure the figure
     */
    public static void show(PlotlyFigure figure) {
        Show.chart(figure);
    }

    /**
     * Shows a tablesaw-jsplot figure inline.
     *
     * @param figure the figure
     */
    public static void show(Figure figure) {
        Show.chart(figure);
    }

    /**
     * The HTML form of a figure: a div and a script for a page-level plotly.js.
     *
     * @param figure the figure
     * @return the HTML form of a figure: a div and a script for a page-level plotly.js
     */
    public static String html(PlotlyFigure figure) {
        return HtmlEmbed.of(figure);
    }

    /**
     * Lines of {@code y} against {@code x}, one per value of {@code group} (tablesaw's LinePlot).
     *
     * @param title the chart's title
     * @param table the data (not modified)
     * @param x the column on the x axis
     * @param y the column on the y axis
     * @param group the column whose values name the lines (one colour each)
     * @return lines of {@code y} against {@code x}, one per value of {@code group} (tablesaw's LinePlot)
     */
    public static PlotlyFigure lines(String title, Table table, String x, String y, String group) {
        requireColumns(table, x, y, group);
        return PlotlyFigure.from(LinePlot.create(title, table, x, y, group))
                .axisTitle("xaxis", x).axisTitle("yaxis", y);
    }

    /**
     * Points of {@code y} against {@code x}, one colour per value of {@code group}.
     *
     * @param title the chart's title
     * @param table the data (not modified)
     * @param x the column on the x axis
     * @param y the column on the y axis
     * @param group the column whose values name the lines (one colour each)
     * @return points of {@code y} against {@code x}, one colour per value of {@code group}
     */
    public static PlotlyFigure points(String title, Table table, String x, String y, String group) {
        requireColumns(table, x, y, group);
        return PlotlyFigure.from(ScatterPlot.create(title, table, x, y, group))
                .axisTitle("xaxis", x).axisTitle("yaxis", y);
    }

    /**
     * Several numeric columns of one table against {@code x}, one line per column, named after it (a wide
     * table drawn without reshaping it first).
     *
     * @param title chart title
     * @param table the data (not modified)
     * @param x the column on the x axis
     * @param ys the columns drawn against it, at least one
     * @return several numeric columns of one table against {@code x}, one line per column, named after it (a wide table drawn without reshaping it first)
     */
    public static PlotlyFigure columns(String title, Table table, String x, String... ys) {
        Check.that(ys != null && ys.length != 0, () -> "columns needs at least one y column");
        String[] names = new String[ys.length + 1];
        names[0] = x;
        System.arraycopy(ys, 0, names, 1, ys.length);
        requireColumns(table, names);
        for (String y : ys) {
            Check.that(table.column(y) instanceof NumericColumn, () -> "column '" + y + "' must be numeric to be plotted");
        }
        DoubleColumn xs = DoubleColumn.create(x);
        DoubleColumn values = DoubleColumn.create("value");
        StringColumn series = StringColumn.create("series");
        for (String y : ys) {
            NumericColumn<?> col = (NumericColumn<?>) table.column(y);
            NumericColumn<?> xcol = (NumericColumn<?>) table.column(x);
            for (int i = 0; i < table.rowCount(); i++) {
                xs.append(xcol.getDouble(i));
                values.append(col.getDouble(i));
                series.append(y);
            }
        }
        Table longForm = Table.create(table.name()).addColumns(xs, values, series);
        return lines(title, longForm, x, "value", "series").axisTitle("yaxis", String.join(", ", ys));
    }

    /**
     * Loss against step, one line per run, on a log axis (a trajectory table).
     *
     * @param runs a long table of runs (not modified)
     * @return loss against step, one line per run, on a log axis (a trajectory table)
     */
    public static PlotlyFigure lossByStep(Table runs) {
        return lines("Loss by step", runs, "step", "loss", "run").logY();
    }

    /**
     * The curve {@code f} on [from, to] with each run's path (its {@code x} column) drawn on it as
     * markers joined by lines, one colour per value of {@code group}.
     *
     * @param title the chart's title
     * @param f the curve y = f(x) drawn behind the paths
     * @param from the left end of the x range
     * @param to the right end of the x range
     * @param runs a long table of runs (not modified)
     * @param x the column on the x axis
     * @param group the column whose values name the lines (one colour each)
     * @return the curve {@code f} on [from, to] with each run's path (its {@code x} column) drawn on it as markers joined by lines, one colour per value of {@code group}
     */
    public static PlotlyFigure pathsOnCurve(String title, DoubleUnaryOperator f, double from, double to,
                                            Table runs, String x, String group) {
        requireColumns(runs, x, group);
        PlotlyFigure figure = lines(title, runs, x, "loss", group);
        for (int i = 0; i < figure.data().size(); i++) {
            ((ObjectNode) figure.data().get(i)).put("mode", "lines+markers");
        }
        ObjectNode curve = curveTrace(f, from, to, "L(" + x + ")");
        ArrayNode ys = (ArrayNode) curve.get("y");
        figure.data().insert(0, curve);
        figure.axis("xaxis").putArray("range").add(from).add(to);
        // a diverging path would stretch the y axis until the curve is a flat line: keep the curve's range
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ys.size(); i++) {
            lo = Math.min(lo, ys.get(i).asDouble());
            hi = Math.max(hi, ys.get(i).asDouble());
        }
        double pad = 0.05 * (hi - lo);
        figure.axis("yaxis").putArray("range").add(lo - pad).add(hi + pad);
        return figure;
    }

    /**
     * Adds a dashed line through the points (x_i, y_i), named {@code name} in the legend, on top of a
     * figure: a formula drawn over measured points (a stability limit over a measured region, a
     * predicted level over a loss curve).
     *
     * @param figure the figure
     * @param name the line's name in the legend
     * @param x the column on the x axis
     * @param y the column on the y axis
     * @return the same figure, to chain or {@link #show}
     */
    public static PlotlyFigure withLine(PlotlyFigure figure, String name, double[] x, double[] y) {
        Check.notNull("figure", figure);
        Check.nonBlank("name", name);
        Check.nonEmpty("x", x);
        Check.length("y", y, x.length);
        ObjectNode line = PlotlyFigure.JSON.createObjectNode();
        line.put("type", "scatter").put("mode", "lines").put("name", name);
        line.putObject("line").put("dash", "dash").put("width", 2).put("color", "black");
        ArrayNode xs = line.putArray("x");
        ArrayNode ys = line.putArray("y");
        for (int i = 0; i < x.length; i++) {
            xs.add(x[i]);
            ys.add(y[i]);
        }
        figure.data().add(line);
        return figure;
    }

    /**
     * A light-grey line y = f(x) sampled at 201 points of [from, to], drawn behind paths; hovering
     * skips it so the tooltips show the paths.
     */
    static ObjectNode curveTrace(DoubleUnaryOperator f, double from, double to, String name) {
        Check.that(from < to, () -> "the curve's range needs from < to, got [" + from + ", " + to + "]");
        ObjectNode curve = PlotlyFigure.JSON.createObjectNode();
        curve.put("type", "scatter").put("mode", "lines").put("name", name).put("hoverinfo", "skip");
        curve.putObject("line").put("color", "lightgray").put("width", 3);
        ArrayNode xs = curve.putArray("x");
        ArrayNode ys = curve.putArray("y");
        int n = 200;
        for (int i = 0; i <= n; i++) {
            double v = from + (to - from) * i / n;
            xs.add(v);
            ys.add(f.applyAsDouble(v));
        }
        return curve;
    }

    static void requireColumns(Table table, String... names) {
        for (String name : names) {
            Check.that(table.containsColumn(name), () -> "table '" + table.name() + "' has no column '" + name
                    + "'; its columns are " + table.columnNames());
        }
        // every name but the last (the grouping column) is an axis and must be numeric
        for (int i = 0; i < names.length - 1; i++) {
            String axis = names[i];
            Check.that(table.column(axis) instanceof NumericColumn, () -> "column '" + axis + "' must be numeric to be plotted");
        }
    }
}
