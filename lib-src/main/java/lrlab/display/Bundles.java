package lrlab.display;

import java.util.LinkedHashMap;
import java.util.Map;
import lrlab.display.PlotlyFigure;
import lrlab.display.Plots;
import tech.tablesaw.api.Table;

/** Builds the MIME bundles that {@link Show} sends: one place decides what each output carries. */
public final class Bundles {

    private Bundles() {
    }

    /**
     * A chart: plotly JSON for JupyterLab, HTML for static pages, a text line for plain viewers.
     *
     * @param figure the figure
     * @return the bundle: plotly JSON for JupyterLab, HTML for static pages, a text line for plain viewers
     */
    public static Map<String, Object> chart(PlotlyFigure figure) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("application/vnd.plotly.v1+json", figure.toMap());
        bundle.put("text/html", Plots.html(figure));
        String title = figure.titleText();
        bundle.put("text/plain", "Plotly chart" + (title.isEmpty() ? "" : ": " + title)
                + " (" + figure.traceCount() + " traces)");
        return bundle;
    }

    /**
     * A table as HTML and as Tablesaw's text print.
     *
     * @param table the data (not modified)
     * @param maxRows the most rows shown (head and tail of a longer table)
     * @return the bundle: the table as HTML and as Tablesaw's text print
     */
    public static Map<String, Object> table(Table table, int maxRows) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/html", TableHtml.of(table, maxRows));
        bundle.put("text/plain", TableHtml.shown(table, maxRows).printAll());
        return bundle;
    }

    /**
     * Plain text.
     *
     * @param text the text shown
     * @return the bundle: plain text
     */
    public static Map<String, Object> text(String text) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", text);
        return bundle;
    }
}
