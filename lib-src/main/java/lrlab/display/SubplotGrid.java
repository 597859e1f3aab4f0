package lrlab.display;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import lrlab.util.Check;

/**
 * Several figures as one rows × columns panel (plotly's {@code layout.grid}, pattern "independent"):
 * panel k (0-based, row by row) gets axes {@code x(k+1)}/{@code y(k+1)}, keeps its own axis settings
 * and its title as an annotation above it.
 *
 * <pre>{@code
 * var grid = SubplotGrid.of(2, 2);
 * for (var fig : figures) grid.add(fig);
 * Plots.show(grid.figure("Four learning rates"));
 * }</pre>
 */
public final class SubplotGrid {

    private final int rows;
    private final int columns;
    private final List<PlotlyFigure> panels = new ArrayList<>();
    private double[] yRange;

    private SubplotGrid(int rows, int columns) {
        this.rows = rows;
        this.columns = columns;
    }

    /**
     * An empty grid of {@code rows} × {@code columns} panels (each ≥ 1).
     *
     * @param rows the rows of panels, ≥ 1
     * @param columns the columns of panels, ≥ 1
     * @return a new, empty grid
     */
    public static SubplotGrid of(int rows, int columns) {
        Check.that(rows >= 1 && columns >= 1, () -> "a grid needs rows >= 1 and columns >= 1, got " + rows + " x " + columns);
        return new SubplotGrid(rows, columns);
    }

    /**
     * Adds the next panel (filled row by row); its traces and axis settings are copied.
     *
     * @param panel the next panel, filled row by row
     * @return this
     */
    public SubplotGrid add(PlotlyFigure panel) {
        Check.notNull("panel", panel);
        Check.that(panels.size() != rows * columns, () -> "the " + rows + " x " + columns + " grid is full");
        panels.add(panel);
        return this;
    }

    /**
     * Gives every panel the same y range [lo, hi].
     *
     * @param lo the lower end of every panel's y axis
     * @param hi the upper end of every panel's y axis
     * @return this
     */
    public SubplotGrid yRange(double lo, double hi) {
        Check.that(lo < hi, () -> "yRange needs lo < hi, got [" + lo + ", " + hi + "]");
        yRange = new double[] {lo, hi};
        return this;
    }

    /** @return the number of panels added so far */
    public int size() {
        return panels.size();
    }

    /**
     * One figure holding every panel, titled {@code title}; only the first panel's legend is kept.
     *
     * @param title the chart's title
     * @return one figure holding every panel, titled {@code title}; only the first panel's legend is kept
     */
    public PlotlyFigure figure(String title) {
        Check.that(!panels.isEmpty(), () -> "the grid has no panels; add at least one");
        PlotlyFigure out = PlotlyFigure.create(title);
        ObjectNode layout = out.layout();
        layout.putObject("grid").put("rows", rows).put("columns", columns).put("pattern", "independent");
        ArrayNode notes = layout.putArray("annotations");
        for (int k = 0; k < panels.size(); k++) {
            String suffix = k == 0 ? "" : Integer.toString(k + 1);
            PlotlyFigure panel = panels.get(k);
            for (JsonNode t : panel.data()) {
                ObjectNode trace = ((ObjectNode) t).deepCopy();
                trace.put("xaxis", "x" + suffix).put("yaxis", "y" + suffix);
                if (k > 0) {
                    trace.put("showlegend", false);
                }
                out.data().add(trace);
            }
            copyAxis(panel.layout().get("xaxis"), layout, "xaxis" + suffix);
            copyAxis(panel.layout().get("yaxis"), layout, "yaxis" + suffix);
            if (yRange != null) {
                out.axis("yaxis" + suffix).putArray("range").add(yRange[0]).add(yRange[1]);
            }
            if (!panel.titleText().isEmpty()) {
                notes.addObject().put("text", "<b>" + panel.titleText() + "</b>").put("showarrow", false)
                        .put("xref", "x" + suffix + " domain").put("yref", "y" + suffix + " domain")
                        .put("x", 0.5).put("y", 1.0).put("xanchor", "center").put("yanchor", "bottom");
            }
        }
        layout.put("height", 320 * rows + 80);
        return out;
    }

    private static void copyAxis(JsonNode axis, ObjectNode layout, String name) {
        if (axis instanceof ObjectNode) {
            layout.set(name, axis.deepCopy());
        }
    }
}
