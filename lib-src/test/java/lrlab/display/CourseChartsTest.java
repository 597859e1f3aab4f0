package lrlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.objective.Quadratic;
import lrlab.objective.QuadraticForm;
import lrlab.trace.GradientDescent;
import org.junit.jupiter.api.Test;

/** SubplotGrid, SliderChart and ContourPlot: structure and every bad-argument path. */
class CourseChartsTest {

    private final Quadratic loss = Quadratic.shifted(3.0);
    private final GradientDescent gd = GradientDescent.on(loss).from(7.0).steps(3);

    @Test
    void gridRejectsEmptySizesNullPanelsOverflowAndEmptyFigures() {
        assertThrows(IllegalArgumentException.class, () -> SubplotGrid.of(0, 2));
        assertThrows(IllegalArgumentException.class, () -> SubplotGrid.of(2, -1));
        var grid = SubplotGrid.of(1, 1);
        assertThrows(IllegalArgumentException.class, () -> grid.add(null));
        assertThrows(IllegalArgumentException.class, () -> grid.figure("empty"));
        assertThrows(IllegalArgumentException.class, () -> grid.yRange(1, 1));
        grid.add(PlotlyFigure.create("a"));
        var e = assertThrows(IllegalArgumentException.class, () -> grid.add(PlotlyFigure.create("b")));
        assertTrue(e.getMessage().contains("full"), e.getMessage());
    }

    @Test
    void gridPutsLaterPanelsOnTheirOwnAxesWithoutLegends() {
        var fig = SubplotGrid.of(1, 2)
                .add(Plots.pathsOnCurve("one", loss::value, 0, 6, gd.run(0.1).table(), "w", "run"))
                .add(Plots.pathsOnCurve("two", loss::value, 0, 6, gd.run(0.9).table(), "w", "run"))
                .figure("both");
        assertEquals("x", fig.data().get(0).get("xaxis").asText());
        assertEquals("y2", fig.data().get(3).get("yaxis").asText());
        assertEquals(false, fig.data().get(3).get("showlegend").asBoolean());
        assertEquals(2, fig.layout().get("grid").get("columns").asInt());
    }

    @Test
    void sliderRejectsBadRangesEmptyValuesMissingColumnsAndEarlyFigure() {
        assertThrows(IllegalArgumentException.class, () -> SliderChart.create("s").curve(loss::value, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> SliderChart.create("s").yRange(2, 1));
        assertThrows(IllegalArgumentException.class,
                () -> SliderChart.create("s").frames("lr", new double[0], lr -> gd.run(lr).table(), "w", "loss"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> SliderChart.create("s").frames("lr", new double[] {0.1}, lr -> gd.run(lr).table(), "nope", "loss"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> SliderChart.create("s").figure());
    }

    @Test
    void sliderLabelsKeepFourSignificantDigits() {
        assertEquals("0.1", SliderChart.label(0.1));
        assertEquals("0.3333", SliderChart.label(1.0 / 3));
        assertEquals("1.1", SliderChart.label(1.1000000000000003));
    }

    @Test
    void contourRejectsWrongDimensionBadRectanglesAndTinyGrids() {
        var bowl = QuadraticForm.of(new double[][] {{2, 0}, {0, 1}});
        assertThrows(IllegalArgumentException.class, () -> ContourPlot.of("c", loss, 0, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ContourPlot.of("c", null, 0, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ContourPlot.of("c", bowl, 1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ContourPlot.of("c", bowl, 0, 1, 0, 1, 1));
        var fig = ContourPlot.of("c", bowl, -1, 1, -1, 1, 3).figure();
        assertEquals(1.5, fig.data().get(0).get("z").get(0).get(0).asDouble(), 1e-12);
    }
}
