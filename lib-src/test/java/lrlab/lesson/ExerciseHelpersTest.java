package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LossCurves (unlabelled runs, exercise 4) and MomentumRegion (exercise 8): shapes, values, bad input. */
class ExerciseHelpersTest {

    private static Map<String, double[]> curves() {
        Map<String, double[]> runs = new LinkedHashMap<>();
        runs.put("A", new double[] {3, 2, 1});
        runs.put("B", new double[] {1, 10, 1e200});
        runs.put("C", new double[] {5, 4});
        return runs;
    }

    @Test
    void lossCurvesTableHasOneRowPerRunAndEpochUnderTheGivenNames() {
        var t = LossCurves.table(curves());
        assertEquals(8, t.rowCount());
        assertEquals("B", t.stringColumn("run").get(3));
        assertEquals(1, t.intColumn("epoch").get(3));
        assertEquals(1e200, t.doubleColumn("loss").get(5));
    }

    @Test
    void lossCurvesPanelsShowOnePanelPerRunWithoutTheRates() {
        var figure = LossCurves.panels("three runs", curves());
        assertEquals(3, figure.traceCount());
        assertEquals(2, figure.layout().path("grid").path("columns").asInt());
        assertEquals(2, figure.layout().path("grid").path("rows").asInt());
        assertEquals("log", figure.layout().path("yaxis2").path("type").asText(), figure.toJson());
        assertFalse(figure.toJson().contains("lr"), "the chart must not name a learning rate");
    }

    @Test
    void lossCurvesRejectEmptyInput() {
        assertThrows(IllegalArgumentException.class, () -> LossCurves.table(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> LossCurves.table(Map.of("A", new double[0])));
        assertThrows(IllegalArgumentException.class, () -> LossCurves.panels("t", Map.of(" ", new double[] {1})));
    }

    private static final double[] LRS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    private static final double[] BETAS = {0.0, 0.3, 0.6, 0.9};

    @Test
    void momentumRegionJudgesEveryGridPointByRunAndByFormula() {
        // a "run" that converges below (1 + beta)/2, against the same formula: they agree everywhere
        var region = MomentumRegion.measure(LRS, BETAS, (lr, beta) -> lr < (1 + beta) / 2, beta -> (1 + beta) / 2);
        assertEquals(40, region.rowCount());
        assertEquals(0.0, region.doubleColumn("beta").get(0));
        assertEquals(0.1, region.doubleColumn("lr").get(0));
        assertEquals("stable", region.stringColumn("measured").get(0));
        assertEquals("unstable", region.stringColumn("predicted").get(9));
        assertEquals(0, MomentumRegion.disagreements(region).rowCount());
        var always = MomentumRegion.measure(LRS, BETAS, (lr, beta) -> true, beta -> (1 + beta) / 2);
        var wrong = MomentumRegion.disagreements(always);
        assertTrue(wrong.rowCount() > 0);
        for (int i = 0; i < wrong.rowCount(); i++) {
            assertEquals("unstable", wrong.stringColumn("predicted").get(i));
            assertEquals("no", wrong.stringColumn("agree").get(i));
        }
    }

    @Test
    void momentumRegionUsesTheWordsOfTheLibrarysOwnRegion() {
        var quadratic = lrlab.objective.Quadratic.of(4.0);
        var library = MomentumRegion.on(quadratic);
        var own = library.region(LRS, BETAS, false, 1000);
        var mine = MomentumRegion.measure(LRS, BETAS, (lr, beta) -> library.stableInRun(lr, beta, false, 1000),
                quadratic::heavyBallStabilityLimit);
        for (String column : new String[] {"beta", "lr", "predicted", "measured", "agree"}) {
            assertEquals(own.column(column).asList(), mine.column(column).asList(), column);
        }
    }

    @Test
    void momentumRegionChartDrawsThePointsAndTheFormulaLine() {
        var region = MomentumRegion.measure(LRS, BETAS, (lr, beta) -> lr < 0.5, beta -> (1 + beta) / 2);
        var figure = MomentumRegion.chart(region, beta -> (1 + beta) / 2);
        assertEquals(3, figure.traceCount());
        var line = figure.data().get(2);
        assertEquals(0.95, line.get("y").get(100).asDouble(), 1e-12);
    }

    @Test
    void momentumRegionRejectsBadInput() {
        MomentumRegion.RunVerdict any = (lr, beta) -> true;
        assertThrows(IllegalArgumentException.class, () -> MomentumRegion.measure(new double[0], BETAS, any, b -> 1));
        assertThrows(IllegalArgumentException.class, () -> MomentumRegion.measure(LRS, new double[0], any, b -> 1));
        assertThrows(IllegalArgumentException.class, () -> MomentumRegion.measure(LRS, BETAS, null, b -> 1));
        assertThrows(IllegalArgumentException.class, () -> MomentumRegion.measure(LRS, BETAS, any, null));
    }
}
