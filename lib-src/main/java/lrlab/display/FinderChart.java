package lrlab.display;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lrlab.find.LrFinderResult;
import lrlab.util.Check;
import tech.tablesaw.api.Table;

/**
 * The learning-rate finder's curve: raw batch loss (faint) and smoothed loss against the rate on a log x
 * axis, with the finder's suggestions (steepest, minimum/10, valley) as labelled markers on the smoothed
 * curve, and optional extra marks (e.g. the grid's best rate).
 *
 * <pre>{@code Plots.show(FinderChart.of(result).mark("grid best", 0.1).figure()); }</pre>
 */
public final class FinderChart {

    private final PlotlyFigure figure;
    private final LrFinderResult result;

    private FinderChart(PlotlyFigure figure, LrFinderResult result) {
        this.figure = figure;
        this.result = result;
    }

    /**
     * The chart of one finder run, titled "Learning-rate finder".
     *
     * @param result the finder's result
     * @return a new chart of {@code result}
     */
    public static FinderChart of(LrFinderResult result) {
        return of("Learning-rate finder", result);
    }

    /**
     * The chart of one finder run.
     *
     * @param title the chart's title
     * @param result the finder's result
     * @return a new chart of {@code result}
     */
    public static FinderChart of(String title, LrFinderResult result) {
        Check.notNull("result", result);
        PlotlyFigure f = PlotlyFigure.create(title).logX().axisTitle("xaxis", "lr (log scale)").axisTitle("yaxis", "loss");
        f.axis("xaxis").put("exponentformat", "power");
        line(f, "batch loss", result.lrs(), result.losses()).putObject("line").put("color", "rgba(31,119,180,0.3)");
        line(f, "smoothed", result.lrs(), result.smoothedLosses()).putObject("line").put("color", "rgb(31,119,180)").put("width", 2.5);
        Table s = result.suggestions();
        ObjectNode marks = f.data().addObject();
        marks.put("type", "scatter").put("mode", "markers+text").put("name", "suggestions");
        String[] positions = {"top right", "bottom center", "top left"};  // neighbouring labels must not overlap
        marks.putObject("marker").put("size", 11).put("color", "rgb(214,39,40)");
        for (int i = 0; i < s.rowCount(); i++) {
            marks.withArray("x").add(s.doubleColumn("lr").get(i));
            marks.withArray("y").add(s.doubleColumn("smoothed").get(i));
            marks.withArray("text").add(s.stringColumn("suggestion").get(i));
            marks.withArray("textposition").add(positions[i % positions.length]);
        }
        return new FinderChart(f, result);
    }

    /**
     * A dashed vertical line at {@code lr} labelled {@code name}.
     *
     * @param name the mark's label
     * @param lr the rate to mark
     * @return this
     */
    public FinderChart mark(String name, double lr) {
        Check.positive("lr", lr);
        ArrayNode shapes = figure.layout().has("shapes") ? (ArrayNode) figure.layout().get("shapes")
                : figure.layout().putArray("shapes");
        ObjectNode sh = shapes.addObject();
        sh.put("type", "line").put("xref", "x").put("yref", "paper").put("x0", lr).put("x1", lr).put("y0", 0).put("y1", 1);
        sh.putObject("line").put("dash", "dash").put("color", "gray");
        ArrayNode ann = figure.layout().has("annotations") ? (ArrayNode) figure.layout().get("annotations")
                : figure.layout().putArray("annotations");
        ann.addObject().put("x", Math.log10(lr)).put("xref", "x").put("y", 1).put("yref", "paper")
                .put("yanchor", "bottom").put("text", name).put("showarrow", false);
        return this;
    }

    /**
     * Clips the y axis to [lo, hi] (the raw loss near the end can dwarf the curve).
     *
     * @param lo the lower end
     * @param hi the upper end
     * @return this
     */
    public FinderChart yRange(double lo, double hi) {
        Check.that(hi > lo, () -> "yRange needs lo < hi, got [" + lo + ", " + hi + "]");
        figure.axis("yaxis").putArray("range").add(lo).add(hi);
        return this;
    }

    /** @return the finder result drawn */
    public LrFinderResult result() {
        return result;
    }

    /** @return the figure, for {@link Plots#show(PlotlyFigure)} */
    public PlotlyFigure figure() {
        return figure;
    }

    private static ObjectNode line(PlotlyFigure f, String name, double[] x, double[] y) {
        ObjectNode t = f.data().addObject();
        t.put("type", "scatter").put("mode", "lines").put("name", name);
        ArrayNode xs = t.putArray("x");
        ArrayNode ys = t.putArray("y");
        for (int i = 0; i < x.length; i++) {
            xs.add(x[i]);
            if (Double.isFinite(y[i])) {
                ys.add(y[i]);
            } else {
                ys.addNull();
            }
        }
        return t;
    }
}
