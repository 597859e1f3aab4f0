package lrlab.lesson;

import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.analysis.RateSweep;
import lrlab.data.Datasets;
import lrlab.objective.LeastSquares;
import lrlab.objective.Quadratic;
import lrlab.display.ContourPlot;
import lrlab.display.Plots;
import lrlab.display.SliderChart;
import lrlab.display.SubplotGrid;
import lrlab.trace.GradientDescent;
import lrlab.trace.Trajectory;
import org.junit.jupiter.api.Test;

/** The facts and figures notebook 04 (seeing it) relies on. */
class Lesson04FactsTest {

    private final LeastSquares mse = LeastSquares.of(Datasets.diabetes().standardize().toTable(), "bmi", "target");

    @Test
    void standardisedFeatureMakesTheBowlRoundWithEdgeOneAndBestRateOneHalf() {
        var curv = mse.curvature();
        assertClose(1.0, curv.conditionNumber(), 1e-9, "kappa");
        assertClose(2.0, curv.mu(), 1e-9, "mu = 2");
        assertClose(2.0, curv.L(), 1e-9, "L = 2");
        assertClose(1.0, curv.stabilityLimit(), 1e-9, "2/L");
        assertClose(0.5, curv.optimalLr(), 1e-9, "2/(L+mu)");
    }

    @Test
    void diabetesPathsShowTheFourBehaviours() {
        double[] best = mse.minimizer();
        var gd = GradientDescent.on(mse).from(0.0, 0.0).steps(20);
        assertTrue(Lessons.stepsToTolerance(gd.run(0.5), 1e-6, best) <= 1, "0.5 lands in one step");
        double d0 = Math.hypot(best[0], best[1]);
        assertTrue(Lessons.stepsToTolerance(gd.run(0.9), 0.02 * d0, best) > 1, "0.9 zig-zags in: |1 - 0.9 * 2|^20 < 0.02");
        Trajectory out = gd.run(1.02);
        double d20 = Math.hypot(out.iterate(20, 0) - best[0], out.iterate(20, 1) - best[1]);
        assertTrue(d20 > d0, "1.02 ends farther from the minimum than it started: " + d20 + " vs " + d0);
    }

    @Test
    void panelHasFourPanelsOfCurveAndPath() {
        var loss = Quadratic.shifted(3.0);
        var gd = GradientDescent.on(loss).from(7.0).steps(15);
        var grid = SubplotGrid.of(2, 2).yRange(-1, 20);
        for (double lr : new double[] {0.1, 0.5, 0.9, 1.1}) {
            grid.add(Plots.pathsOnCurve("lr = " + lr, loss::value, -2, 8, gd.run(lr).table(), "w", "run"));
        }
        var fig = grid.figure("panel");
        assertEquals(8, fig.traceCount());
        assertEquals("x4", fig.data().get(7).get("xaxis").asText());
        assertEquals(4, fig.layout().get("annotations").size());
        assertEquals(20.0, fig.layout().get("yaxis3").get("range").get(1).asDouble(), 0.0);
    }

    @Test
    void sliderHasOneFrameAndOneStepPerRate() {
        var loss = Quadratic.shifted(3.0);
        var gd = GradientDescent.on(loss).from(7.0).steps(15);
        double[] rates = RateSweep.linspace(0.05, 1.1, 22);
        var fig = SliderChart.create("s").curve(loss::value, -2, 8).yRange(-1, 20)
                .frames("lr", rates, lr -> gd.run(lr).table(), "w", "loss").figure();
        assertEquals(22, fig.json().get("frames").size());
        var steps = fig.layout().get("sliders").get(0).get("steps");
        assertEquals(22, steps.size());
        assertEquals("0.5", steps.get(9).get("label").asText());
        assertEquals("0.5", fig.json().get("frames").get(9).get("name").asText());
        assertEquals(3.0, fig.json().get("frames").get(9).get("data").get(0).get("x").get(1).asDouble(), 1e-12);
        assertEquals("animate", steps.get(0).get("method").asText());
    }

    @Test
    void contourHasTheSurfaceThePathsAndTheMinimum() {
        var fits = GradientDescent.on(mse).from(0.0, 0.0).steps(20).sweep(0.1, 0.5, 0.9, 1.02);
        double[] best = mse.minimizer();
        var fig = ContourPlot.of("c", mse, -300, 400, -200, 500).paths(fits.table(), "x0", "x1", "run")
                .point("minimum", best[0], best[1]).equalAxes().figure();
        assertEquals(6, fig.traceCount());
        assertEquals("contour", fig.data().get(0).get("type").asText());
        assertEquals(61, fig.data().get(0).get("z").size());
    }
}
