package lrlab.display;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import lrlab.util.Check;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * A chart with a slider: every slider position is a precomputed plotly frame (computed here, in Java),
 * so moving the slider needs no kernel and works in a static page too. An optional fixed curve stays
 * under the moving path.
 *
 * <pre>{@code
 * var gd = GradientDescent.on(loss).from(7).steps(15);
 * Plots.show(SliderChart.create("Drag the learning rate").curve(loss::value, -2, 8).yRange(-1, 20)
 *         .frames("lr", RateSweep.linspace(0.05, 1.1, 22), lr -> gd.run(lr).table(), "w", "loss")
 *         .figure());
 * }</pre>
 *
 * <p>The figure's {@code frames} hold one path each, named by the slider value; {@code layout.sliders}
 * has one step per frame that animates to it with zero duration.
 */
public final class SliderChart {

    private final String title;
    private ObjectNode curve;
    private double[] xRange;
    private double[] yRange;
    private PlotlyFigure built;

    private SliderChart(String title) {
        this.title = title;
    }

    /**
     * An empty slider chart.
     *
     * @param title the chart's title
     * @return a new, empty slider chart
     */
    public static SliderChart create(String title) {
        return new SliderChart(title);
    }

    /**
     * A fixed background curve y = f(x) on [from, to] (also the x range of the chart).
     *
     * @param f the curve y = f(x)
     * @param from the left end of the x range
     * @param to the right end of the x range
     * @return this
     */
    public SliderChart curve(DoubleUnaryOperator f, double from, double to) {
        curve = Plots.curveTrace(f, from, to, "loss curve");
        xRange = new double[] {from, to};
        return this;
    }

    /**
     * Fixes the y axis to [lo, hi] so that the view does not jump between frames.
     *
     * @param lo the lower end
     * @param hi the upper end
     * @return this
     */
    public SliderChart yRange(double lo, double hi) {
        Check.that(lo < hi, () -> "yRange needs lo < hi, got [" + lo + ", " + hi + "]");
        yRange = new double[] {lo, hi};
        return this;
    }

    /**
     * One frame per value: {@code frame.apply(value)} gives a table whose columns {@code x} and {@code y}
     * are drawn as a path with markers; the slider is labelled {@code name = value}.
     *
     * @param name the slider's label
     * @param values the slider's values, at least one
     * @param frame the run of one slider value, as a table
     * @param x the column on the x axis
     * @param y the column on the y axis
     * @return this
     */
    public SliderChart frames(String name, double[] values, DoubleFunction<Table> frame, String x, String y) {
        Check.that(values != null && values.length != 0, () -> "a slider needs at least one value");
        PlotlyFigure fig = PlotlyFigure.create(title);
        if (curve != null) {
            fig.data().add(curve.deepCopy());
        }
        int pathIndex = fig.data().size();
        ArrayNode frames = fig.json().putArray("frames");
        ObjectNode slider = fig.layout().putArray("sliders").addObject();
        slider.put("active", 0).put("pad", 0).putObject("currentvalue").put("prefix", name + " = ");
        ArrayNode steps = slider.putArray("steps");
        for (int i = 0; i < values.length; i++) {
            String label = label(values[i]);
            Table t = frame.apply(values[i]);
            Plots.requireColumns(t, x, y, y);
            ObjectNode path = PlotlyFigure.JSON.createObjectNode();
            path.put("type", "scatter").put("mode", "lines+markers").put("name", name + "=" + label);
            path.putObject("marker").put("color", "crimson");
            path.putObject("line").put("color", "crimson");
            ArrayNode px = path.putArray("x");
            ArrayNode py = path.putArray("y");
            NumericColumn<?> cx = (NumericColumn<?>) t.column(x);
            NumericColumn<?> cy = (NumericColumn<?>) t.column(y);
            for (int r = 0; r < t.rowCount(); r++) {
                px.add(cx.getDouble(r));
                py.add(cy.getDouble(r));
            }
            if (i == 0) {
                fig.data().add(path.deepCopy());
            }
            ObjectNode f = frames.addObject();
            f.put("name", label);
            f.putArray("data").add(path);
            f.putArray("traces").add(pathIndex);
            ObjectNode step = steps.addObject();
            step.put("label", label).put("method", "animate");
            ArrayNode args = step.putArray("args");
            args.addArray().add(label);
            ObjectNode opts = args.addObject();
            opts.put("mode", "immediate");
            opts.putObject("frame").put("duration", 0).put("redraw", true);
            opts.putObject("transition").put("duration", 0);
        }
        if (xRange != null) {
            fig.axis("xaxis").putArray("range").add(xRange[0]).add(xRange[1]);
        }
        if (yRange != null) {
            fig.axis("yaxis").putArray("range").add(yRange[0]).add(yRange[1]);
        }
        fig.axisTitle("xaxis", x).axisTitle("yaxis", y).height(520);
        built = fig;
        return this;
    }

    /** @return the figure (call {@link #frames} first) */
    public PlotlyFigure figure() {
        if (built == null) {
            throw new IllegalStateException("call frames(...) before figure()");
        }
        return built;
    }

    /** A slider label: the value to 4 significant digits, without trailing zeros. */
    static String label(double v) {
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
