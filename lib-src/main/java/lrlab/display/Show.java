package lrlab.display;

import java.util.LinkedHashMap;
import java.util.Map;
import lrlab.display.PlotlyFigure;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Shows tables, charts and text in a Java notebook cell. Every method returns void, so a call as a
 * cell's last statement adds no stray display id to the output (IJava and JJava print a returned
 * value).
 *
 * <p>Charts go out as a MIME bundle with both {@code application/vnd.plotly.v1+json} (JupyterLab's
 * Plotly renderer: interactive, offline) and {@code text/html} (a div plus a script for a page that
 * loads plotly.js itself: static course pages, nbconvert HTML).
 */
public final class Show {

    private Show() {
    }

    /**
     * Shows a tablesaw-jsplot figure as an interactive chart.
     *
     * @param figure the figure
     */
    public static void chart(Figure figure) {
        chart(PlotlyFigure.from(figure));
    }

    /**
     * Shows a Plotly figure as an interactive chart.
     *
     * @param figure the figure
     */
    public static void chart(PlotlyFigure figure) {
        Kernel.display(Bundles.chart(figure));
    }

    /**
     * Shows a table (up to 20 rows; longer tables show their first and last rows).
     *
     * @param table the data (not modified)
     */
    public static void table(Table table) {
        table(table, 20);
    }

    /**
     * Shows a table with at most {@code maxRows} rows (head and tail when it is longer).
     *
     * @param table the data (not modified)
     * @param maxRows the most rows shown (head and tail of a longer table)
     */
    public static void table(Table table, int maxRows) {
        Kernel.display(Bundles.table(table, maxRows));
    }

    /**
     * Shows a few named numbers as a small two-column table (quantity, value), the way a lecturer puts
     * computed values next to the text: {@code values("2/a", 0.5, "1/a", 0.25)}.
     *
     * @param namesAndValues name, number, name, number, …
     */
    public static void values(Object... namesAndValues) {
        table(valuesTable(namesAndValues));
    }

    /**
     * The table {@link #values} shows: columns quantity and value.
     *
     * @param namesAndValues name, number, name, number, …
     * @return the table {@link #values} shows: columns quantity and value
     */
    public static Table valuesTable(Object... namesAndValues) {
        Check.that(namesAndValues != null && namesAndValues.length != 0 && namesAndValues.length % 2 == 0,
                () -> "values needs pairs of a name and a number, got "
                        + (namesAndValues == null ? 0 : namesAndValues.length) + " arguments");
        StringColumn names = StringColumn.create("quantity");
        DoubleColumn numbers = DoubleColumn.create("value");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object name = namesAndValues[i];
            Object value = namesAndValues[i + 1];
            int position = i;
            Check.that(name instanceof String && value instanceof Number, () -> "values needs pairs of a name and a number, got "
                    + name + " and " + value + " at position " + position);
            names.append((String) name);
            numbers.append(((Number) value).doubleValue());
        }
        return Table.create("values").addColumns(names, numbers);
    }

    /**
     * Shows Markdown (math in $...$ is typeset by JupyterLab and the course pages).
     *
     * @param markdown the Markdown text
     */
    public static void markdown(String markdown) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/markdown", markdown);
        bundle.put("text/plain", markdown);
        Kernel.display(bundle);
    }

    /**
     * Starts a one-line display that {@link Progress#update} rewrites in place.
     *
     * @param firstLine the line shown first
     * @return the display to update
     */
    public static Progress progress(String firstLine) {
        return new Progress(Kernel.display(Bundles.text(firstLine)));
    }
}
