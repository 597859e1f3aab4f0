package lrlab.display;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lrlab.objective.Objective;
import lrlab.util.Check;
import tech.tablesaw.api.Table;

/**
 * The level sets of a 2-D loss L(x0, x1) on a rectangle (a plotly contour trace on an n × n grid),
 * with gradient-descent paths drawn on top.
 *
 * <pre>{@code
 * Plots.show(ContourPlot.of("Loss surface", loss, -1, 3, -1, 3)
 *         .paths(runs.table(), "x0", "x1", "run").figure());
 * }</pre>
 */
public final class ContourPlot {

    private final PlotlyFigure figure;

    private ContourPlot(PlotlyFigure figure) {
        this.figure = figure;
    }

    /**
     * Contours of {@code loss} (dimension 2) over [x0From, x0To] × [x1From, x1To], 61 × 61 points.
     *
     * @param title the chart's title
     * @param loss a loss of two parameters
     * @param x0From the left end of the first axis
     * @param x0To the right end of the first axis
     * @param x1From the left end of the second axis
     * @param x1To the right end of the second axis
     * @return a new contour plot
     */
    public static ContourPlot of(String title, Objective loss, double x0From, double x0To, double x1From, double x1To) {
        return of(title, loss, x0From, x0To, x1From, x1To, 61);
    }

    /**
     * Contours of {@code loss} over the rectangle on an n × n grid (n ≥ 2).
     *
     * @param title the chart's title
     * @param loss a loss of two parameters
     * @param x0From the left end of the first axis
     * @param x0To the right end of the first axis
     * @param x1From the left end of the second axis
     * @param x1To the right end of the second axis
     * @param n the grid points per axis, ≥ 2
     * @return a new contour plot
     */
    public static ContourPlot of(String title, Objective loss, double x0From, double x0To, double x1From, double x1To,
                                 int n) {
        Check.that(loss != null && loss.dimension() == 2, () -> "a contour plot needs a 2-D objective, got "
                + (loss == null ? "null" : "dimension " + loss.dimension()));
        Check.that(x0From < x0To && x1From < x1To, () -> "the rectangle needs from < to on both axes, got [" + x0From + ", "
                + x0To + "] x [" + x1From + ", " + x1To + "]");
        Check.that(n >= 2, () -> "the grid needs n >= 2 points per axis, got " + n);
        PlotlyFigure fig = PlotlyFigure.create(title);
        ObjectNode trace = fig.data().addObject();
        trace.put("type", "contour").put("name", "loss").put("ncontours", 25).put("colorscale", "Viridis");
        trace.putObject("contours").put("coloring", "lines");
        trace.put("showscale", false);
        ArrayNode xs = trace.putArray("x");
        ArrayNode ys = trace.putArray("y");
        ArrayNode zs = trace.putArray("z");
        double[] p = new double[2];
        for (int i = 0; i < n; i++) {
            xs.add(x0From + (x0To - x0From) * i / (n - 1));
            ys.add(x1From + (x1To - x1From) * i / (n - 1));
        }
        for (int j = 0; j < n; j++) {
            ArrayNode row = zs.addArray();
            p[1] = ys.get(j).asDouble();
            for (int i = 0; i < n; i++) {
                p[0] = xs.get(i).asDouble();
                row.add(loss.value(p));
            }
        }
        fig.axis("xaxis").putArray("range").add(x0From).add(x0To);
        fig.axis("yaxis").putArray("range").add(x1From).add(x1To);
        fig.axisTitle("xaxis", "x0").axisTitle("yaxis", "x1").height(560);
        return new ContourPlot(fig);
    }

    /**
     * Draws each run's path (columns {@code x}, {@code y} of a long table, one path per {@code group}).
     *
     * @param runs a long table of runs (not modified)
     * @param x the column of the first coordinate
     * @param y the column of the second coordinate
     * @param group the column naming the runs
     * @return this
     */
    public ContourPlot paths(Table runs, String x, String y, String group) {
        Plots.requireColumns(runs, x, y, group);
        PlotlyFigure lines = Plots.lines("", runs, x, y, group);
        for (int i = 0; i < lines.data().size(); i++) {
            ObjectNode t = ((ObjectNode) lines.data().get(i)).deepCopy();
            t.put("mode", "lines+markers");
            figure.data().add(t);
        }
        return this;
    }

    /**
     * Marks one point, e.g. the minimiser.
     *
     * @param name the name in the legend
     * @param x the column of the first coordinate
     * @param y the column of the second coordinate
     * @return this
     */
    public ContourPlot point(String name, double x, double y) {
        ObjectNode t = figure.data().addObject();
        t.put("type", "scatter").put("mode", "markers").put("name", name);
        t.putObject("marker").put("symbol", "star").put("size", 14).put("color", "black");
        t.putArray("x").add(x);
        t.putArray("y").add(y);
        return this;
    }

    /**
     * Names the two axes.
     *
     * @param x the column of the first coordinate
     * @param y the column of the second coordinate
     * @return this
     */
    public ContourPlot axes(String x, String y) {
        figure.axisTitle("xaxis", x).axisTitle("yaxis", y);
        return this;
    }

    /**
     * One unit on the y axis as long as one on the x axis, so round bowls look round.
     *
     * @return this
     */
    public ContourPlot equalAxes() {
        figure.axis("yaxis").put("scaleanchor", "x").put("scaleratio", 1);
        return this;
    }

    /** @return the figure */
    public PlotlyFigure figure() {
        return figure;
    }
}
