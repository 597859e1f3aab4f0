package lrlab.display;

import java.util.UUID;

/**
 * The {@code text/html} form of a chart: a div and a script that draws the figure with a page-level
 * {@code Plotly} (one local copy of plotly.js loaded by the page, never a CDN).
 *
 * <p>The script waits briefly for Plotly (a page may load it after the output), and if it never
 * comes, writes a one-line note into the div instead of failing with a console error.
 */
final class HtmlEmbed {

    private HtmlEmbed() {
    }

    static String of(PlotlyFigure figure) {
        String id = "lrlab-plot-" + UUID.randomUUID();
        int height = figure.layout().path("height").asInt(450);
        // "</" inside a script element would end it early
        String json = figure.toJson().replace("</", "<\\/");
        return "<div id=\"" + id + "\" class=\"lrlab-plot\" style=\"width:100%;min-height:" + height + "px\"></div>\n"
                + "<script type=\"text/javascript\">\n"
                + "(function () {\n"
                + "  var fig = " + json + ";\n"
                + "  var el = document.getElementById('" + id + "');\n"
                + "  var tries = 0;\n"
                + "  function draw() {\n"
                + "    if (window.Plotly) { window.Plotly.newPlot(el, fig.data, fig.layout, {responsive: true})"
                + ".then(function () { if (fig.frames) { window.Plotly.addFrames(el, fig.frames); } }); return; }\n"
                + "    if (++tries < 200) { setTimeout(draw, 50); return; }\n"
                + "    el.textContent = 'This chart needs plotly.js on the page (run the notebook in JupyterLab or open the course site).';\n"
                + "  }\n"
                + "  draw();\n"
                + "})();\n"
                + "</script>";
    }
}
