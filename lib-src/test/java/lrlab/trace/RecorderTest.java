package lrlab.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class RecorderTest {

    @Test
    void recordsEveryQuantityAndGrowsPastTheInitialCapacity() {
        Recorder rec = Recorder.named("a", 2);
        for (int t = 0; t < 200; t++) {
            assertTrue(rec.record(t, 0.1, 1.0 / (t + 1), new double[] {3, 4}, new double[] {t, -t}));
        }
        assertEquals(200, rec.size());
        assertEquals(5.0, rec.gradNorm(10));
        assertEquals(-150.0, rec.param(150, 1));
        assertEquals(0.5, rec.loss(1));
        assertFalse(rec.stopped());
    }

    @Test
    void stopsAtTheFirstNonFiniteValueWithoutStoringIt() {
        Recorder rec = Recorder.create(1);
        assertTrue(rec.record(0, 0.1, 1.0, 1.0, new double[] {1}));
        assertFalse(rec.record(1, 0.1, Double.NaN, 1.0, new double[] {2}));
        assertTrue(rec.stopped());
        assertEquals(Recorder.StopReason.NON_FINITE, rec.stopReason());
        assertEquals(1, rec.stopStep());
        assertEquals(1, rec.size());
        assertTrue(rec.table().doubleColumn("loss").isMissing().isEmpty());
        assertThrows(IllegalStateException.class, () -> rec.record(2, 0.1, 1.0, 1.0, new double[] {1}));
    }

    @Test
    void stopsPastTheBoundKeepingThatRow() {
        Recorder rec = Recorder.named("big", 1, 100);
        assertTrue(rec.record(0, 1, 1, 1, new double[] {50}));
        assertFalse(rec.record(1, 1, 1, 1, new double[] {-101}));
        assertEquals(Recorder.StopReason.BOUND, rec.stopReason());
        assertEquals(2, rec.size());
        assertTrue(rec.table().name().contains("stopped at step 1"), rec.table().name());
        rec.clear();
        assertFalse(rec.stopped());
        assertEquals(0, rec.size());
    }

    @Test
    void tableIsLongFormatWithNamedParameterColumns() {
        Recorder one = Recorder.named("lr=0.1", 1);
        one.record(0, 0.1, 2.0, 1.0, new double[] {7});
        assertEquals(List.of("run", "step", "lr", "loss", "grad_norm", "w"), one.table().columnNames());
        Recorder two = Recorder.named("2d", 2);
        two.record(0, 0.1, 2.0, 1.0, new double[] {7, 8});
        assertEquals(List.of("run", "step", "lr", "loss", "grad_norm", "w0", "w1"), two.table().columnNames());
    }

    @Test
    void concatStacksRunsIntoOneTable() {
        Recorder a = Recorder.named("a", 1);
        Recorder b = Recorder.named("b", 1);
        for (int t = 0; t < 3; t++) a.record(t, 0.1, 1, 1, new double[] {t});
        for (int t = 0; t < 2; t++) b.record(t, 0.2, 1, 1, new double[] {t});
        Table all = Recorder.concat(a, b);
        assertEquals(5, all.rowCount());
        assertArrayEquals(new String[] {"a", "a", "a", "b", "b"}, all.stringColumn("run").asObjectArray());
        assertThrows(IllegalArgumentException.class, () -> Recorder.concat(a, Recorder.create(2)));
        assertThrows(IllegalArgumentException.class, () -> Recorder.concat(List.of()));
    }

    @Test
    void recordingAllocatesNothingAfterWarmUp() {
        Recorder rec = Recorder.create(3);
        double[] p = {1, 2, 3};
        for (int t = 0; t < 20000; t++) rec.record(t, 0.1, 1.0, 1.0, p);
        rec.clear();
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int t = 0; t < 20000; t++) rec.record(t, 0.1, 1.0, 1.0, p);
        long after = mx.getThreadAllocatedBytes(id);
        assertTrue(after - before < 4096, "allocated " + (after - before) + " bytes for 20000 records");
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Recorder.named(" ", 1));
        assertThrows(IllegalArgumentException.class, () -> Recorder.named("x", -1));
        assertThrows(IllegalArgumentException.class, () -> Recorder.named("x", 1, 0));
        Recorder rec = Recorder.create(2);
        assertThrows(IllegalArgumentException.class, () -> rec.record(0, 0.1, 1, 1, new double[] {1}));
        assertThrows(IndexOutOfBoundsException.class, () -> rec.loss(0));
    }
}
