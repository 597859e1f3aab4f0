package lrlab.display;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import lrlab.util.Check;
import tech.tablesaw.api.Table;

/**
 * Loss against learning rate on a logarithmic x axis, one line with markers per run, optionally with
 * shaded rate bands (e.g. a rule-of-thumb range; labels of successive bands alternate in height so neighbours do not overlap) and vertical marks (e.g. a finder's suggestion).
 * Non-finite losses (diverged runs) leave gaps.
 *
 * <pre>{@code
 * Plots.show(SensitivityChart.of("Final validation loss vs rate", sweeps, "lr", "val_loss", "run")
 *         .band("rule of thumb", 0.01, 0.1).mark("finder", 0.03).figure());
 * }</pre>
 */
public final class SensitivityChart {

    private static final String[] BAND_COLOURS = {"rgba(44,160,44,0.12)", "rgba(255,127,14,0.12)",
        "rgba(31,119,180,0.12)", "rgba(148,103,189,0.12)"};

    private final PlotlyFigure figure;
    private int bands;

    private SensitivityChart(PlotlyFigure figure) {
        this.figure = figure;
    }

    /**
     * Lines of {@code y} against {@code x} (log axis), one per value of {@code group}.
     *
     * @param title the chart's title
     * @param table the data (not modified)
     * @param x the column on the x axis
     * @param y the column on the y axis
     * @param group the column whose values name the lines
     * @return a new sensitivity chart
     */
    public static SensitivityChart of(String title, Table table, String x, String y, String group) {
        Check.that(table != null && x != null && y != null && group != null, () -> "table, x, y and group must not be null");
        PlotlyFigure f = PlotlyFigure.create(title).logX().axisTitle("xaxis", x + " (log scale)").axisTitle("yaxis", y);
        f.axis("xaxis").put("exponentformat", "power");
        var groups = new LinkedHashSet<>(table.column(group).asStringColumn().asList());
        for (String g : groups) {
            Table part = table.where(table.column(group).asStringColumn().isEqualTo(g)).sortAscendingOn(x);
            ObjectNode trace = f.data().addObject();
            trace.put("type", "scatter").put("mode", "lines+markers").put("name", g);
            ArrayNode xs = trace.putArray("x");
            ArrayNode ys = trace.putArray("y");
            for (int i = 0; i < part.rowCount(); i++) {
                double xv = part.numberColumn(x).getDouble(i);
                double yv = part.numberColumn(y).getDouble(i);
                xs.add(xv);
                if (Double.isFinite(yv)) {
                    ys.add(yv);
                } else {
                    ys.addNull();
                }
            }
        }
        return new SensitivityChart(f);
    }

    /**
     * Shades the rates [lo, hi] over the full height, labelled {@code name} at the top.
     *
     * @param name the label in the legend
     * @param lo the lower end
     * @param hi the upper end
     * @return this
     */
    public SensitivityChart band(String name, double lo, double hi) {
        Check.that(lo > 0 && hi >= lo && Double.isFinite(hi), () -> "band needs 0 < lo <= hi < inf, got [" + lo + ", " + hi + "]");
        ArrayNode shapes = array("shapes");
        ObjectNode s = shapes.addObject();
        s.put("type", "rect").put("xref", "x").put("yref", "paper").put("x0", lo).put("x1", hi).put("y0", 0).put("y1", 1)
                .put("fillcolor", BAND_COLOURS[bands++ % BAND_COLOURS.length]).put("layer", "below");
        s.putObject("line").put("width", 0);
        annotate(name, Math.sqrt(lo * hi), bands % 2 == 0 ? 1.0 : 1.07);
        return this;
    }

    /**
     * A dashed vertical line at {@code lr}, labelled {@code name}.
     *
     * @param name the label in the legend
     * @param lr the rate to mark
     * @return this
     */
    public SensitivityChart mark(String name, double lr) {
        Check.positive("lr", lr);
        ObjectNode s = array("shapes").addObject();
        s.put("type", "line").put("xref", "x").put("yref", "paper").put("x0", lr).put("x1", lr).put("y0", 0).put("y1", 1);
        s.putObject("line").put("dash", "dash").put("width", 1.5).put("color", "gray");
        annotate(name, lr, 1.0);
        return this;
    }

    /**
     * Logarithmic y axis.
     *
     * @return this
     */
    public SensitivityChart logY() {
        figure.logY();
        return this;
    }

    /** @return the figure, for {@link Plots#show(PlotlyFigure)} */
    public PlotlyFigure figure() {
        return figure;
    }

    private void annotate(String text, double x, double y) {
        // on a log axis, annotation x is given as log10 of the data value
        ObjectNode a = array("annotations").addObject();
        a.put("x", Math.log10(x)).put("xref", "x").put("y", y).put("yref", "paper").put("yanchor", "bottom")
                .put("text", text).put("showarrow", false);
    }

    private ArrayNode array(String key) {
        return figure.layout().has(key) ? (ArrayNode) figure.layout().get(key) : figure.layout().putArray(key);
    }
}
