package lrlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.objective.Quadratic;
import lrlab.trace.GradientDescent;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;

class PlotlyFigureTest {

    private final Table runs = GradientDescent.on(Quadratic.shifted(3)).from(7).steps(15).sweep(0.1, 0.5).table();

    @Test
    void aTablesawFigureBecomesPlotlyJsonWithOneTracePerGroup() {
        Table t = Table.create("t", DoubleColumn.create("x", 1, 2, 3), DoubleColumn.create("y", 1, 4, 9),
                StringColumn.create("g", "a", "a", "b"));
        PlotlyFigure f = PlotlyFigure.from(LinePlot.create("Squares", t, "x", "y", "g"));
        assertEquals(2, f.traceCount());
        assertEquals(4.0, f.data().get(0).get("y").get(1).asDouble());
        assertTrue(f.data().get(0).get("y").get(1).isNumber(), "tablesaw writes numbers as strings; they become numbers");
    }

    @Test
    void titlesUseTheObjectFormThatPlotly3Draws() {
        PlotlyFigure f = Plots.lossByStep(runs);
        assertEquals("Loss by step", f.layout().get("title").get("text").asText());
        assertEquals("step", f.layout().get("xaxis").get("title").get("text").asText());
        assertEquals("log", f.layout().get("yaxis").get("type").asText());
    }

    @Test
    void theHtmlFormNeedsOnlyAPageLevelPlotlyAndNoNetwork() {
        String html = Plots.html(Plots.lossByStep(runs));
        assertTrue(html.contains("Plotly.newPlot"));
        assertTrue(html.startsWith("<div id=\"lrlab-plot-"));
        assertFalse(html.contains("http://") || html.contains("https://"), "no URL may be loaded");
        assertFalse(html.contains("console.error"));
    }

    @Test
    void pathsOnCurveAddTheCurveFirst() {
        PlotlyFigure f = Plots.pathsOnCurve("Paths", Quadratic.shifted(3)::value, -1, 8, runs, "w", "run");
        assertEquals(3, f.traceCount());
        assertEquals(201, f.data().get(0).get("x").size());
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.lines("t", runs, "step", "los", "run"));
        assertTrue(e.getMessage().contains("'los'") && e.getMessage().contains("loss"), e.getMessage());
    }
}
