package lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import lrlab.optim.Optimizer;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class LrCurveTest {

    @Test
    void curveHasOneRowPerStepWithStepAndLr() {
        Table t = LrCurve.of(0.1, 100, opt -> Schedulers.cosineAnnealingLR(opt, 100));
        assertEquals(List.of("step", "lr"), t.columnNames());
        assertEquals(100, t.rowCount());
        assertEquals(0.1, t.doubleColumn("lr").getDouble(0));
        assertEquals(99, t.intColumn("step").getInt(99));
    }

    @Test
    void oneCycleCurveAddsMomentumAndFitsExactlyTotalSteps() {
        Table t = LrCurve.of(0.1, 100, opt -> Schedulers.oneCycleLR(opt, 0.1, 100));
        assertEquals(List.of("step", "lr", "momentum"), t.columnNames());
        assertEquals(0.95, t.doubleColumn("momentum").getDouble(0), 1e-12);
    }

    @Test
    void compareStacksNamedCurvesInLongFormat() {
        Map<String, Function<Optimizer, Scheduler>> m = new LinkedHashMap<>();
        m.put("step", opt -> Schedulers.stepLR(opt, 30, 0.1));
        m.put("exp", opt -> Schedulers.exponentialLR(opt, 0.95));
        Table t = LrCurve.compare(0.1, 50, m);
        assertEquals(List.of("run", "step", "lr"), t.columnNames());
        assertEquals(100, t.rowCount());
        assertEquals("exp", t.stringColumn("run").get(50));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LrCurve.of(0, 10, opt -> Schedulers.exponentialLR(opt, 0.9)));
        assertThrows(IllegalArgumentException.class, () -> LrCurve.of(0.1, 0, opt -> Schedulers.exponentialLR(opt, 0.9)));
        assertThrows(IllegalArgumentException.class, () -> LrCurve.of(0.1, 10, null));
        assertThrows(IllegalArgumentException.class, () -> LrCurve.compare(0.1, 10, Map.of()));
        FakeOptimizer other = new FakeOptimizer(0.1);
        assertThrows(IllegalArgumentException.class, () -> LrCurve.of(0.1, 10, opt -> Schedulers.exponentialLR(other, 0.9)));
    }
}
