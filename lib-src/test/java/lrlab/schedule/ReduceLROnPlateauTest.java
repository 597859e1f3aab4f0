package lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReduceLROnPlateauTest {

    @Test
    void firstMetricIsAlwaysAnImprovement() {
        var s = Schedulers.reduceLROnPlateau(new FakeOptimizer(0.1));
        assertEquals(Double.POSITIVE_INFINITY, s.best());
        s.step(123.0);
        assertEquals(123.0, s.best());
        assertEquals(0, s.numBadEpochs());
    }

    @Test
    void reducesOnlyWhenBadEpochsExceedPatience() {
        FakeOptimizer opt = new FakeOptimizer(0.1);
        var s = Schedulers.reduceLROnPlateau(opt, 0.5, 2);
        s.step(1.0);
        s.step(1.0);
        s.step(1.0);
        assertEquals(0.1, s.lastLr(), "2 bad epochs = patience: no cut yet");
        assertEquals(2, s.numBadEpochs());
        s.step(1.0);
        assertEquals(0.05, s.lastLr());
        assertEquals(0, s.numBadEpochs());
    }

    @Test
    void maxModeImprovesUpwards() {
        var s = ReduceLROnPlateau.builder().mode(ReduceLROnPlateau.Mode.MAX).patience(0).build(new FakeOptimizer(0.1));
        assertEquals(Double.NEGATIVE_INFINITY, s.best());
        s.step(0.5);
        s.step(0.6);
        assertEquals(0.6, s.best());
        assertEquals(0.1, s.lastLr());
        s.step(0.55);
        assertEquals(0.1 * 0.1, s.lastLr(), 1e-18);
    }

    @Test
    void absThresholdNeedsAnImprovementLargerThanIt() {
        var s = ReduceLROnPlateau.builder().threshold(0.1).thresholdMode(ReduceLROnPlateau.ThresholdMode.ABS)
                .patience(5).build(new FakeOptimizer(0.1));
        s.step(1.0);
        s.step(0.95);
        assertEquals(1.0, s.best(), "0.05 < threshold 0.1 is not an improvement");
        assertEquals(1, s.numBadEpochs());
        s.step(0.85);
        assertEquals(0.85, s.best());
    }

    @Test
    void cooldownZeroesBadEpochsButBestStillUpdates() {
        FakeOptimizer opt = new FakeOptimizer(0.1);
        var s = ReduceLROnPlateau.builder().patience(0).cooldown(2).factor(0.5).build(opt);
        s.step(1.0);
        s.step(2.0);
        assertEquals(0.05, s.lastLr());
        assertEquals(2, s.cooldownCounter());
        s.step(3.0);
        assertEquals(1, s.cooldownCounter());
        assertEquals(0, s.numBadEpochs());
        s.step(0.5);
        assertEquals(0.5, s.best());
        assertEquals(0, s.cooldownCounter());
        assertEquals(0.05, s.lastLr());
    }

    @Test
    void minLrClampsAndEpsSkipsTinyCuts() {
        FakeOptimizer opt = new FakeOptimizer(0.1);
        var s = ReduceLROnPlateau.builder().patience(0).factor(0.1).minLr(0.02).build(opt);
        s.step(1.0);
        s.step(2.0);
        assertEquals(0.02, s.lastLr());
        FakeOptimizer tiny = new FakeOptimizer(1e-5);
        var t = ReduceLROnPlateau.builder().patience(0).factor(0.1).build(tiny);
        for (int i = 0; i < 10; i++) {
            t.step(i);
        }
        assertEquals(1e-8, t.lastLr(), 1e-20, "a cut smaller than eps is skipped, so the lr stops near 1e-8");
    }

    @Test
    void eachGroupHasItsOwnMinLr() {
        FakeOptimizer opt = new FakeOptimizer(0.1, 0.1);
        var s = ReduceLROnPlateau.builder().patience(0).factor(0.1).minLrs(0.05, 0.001).build(opt);
        s.step(1.0);
        s.step(2.0);
        assertEquals(0.05, s.lastLrs()[0]);
        assertEquals(0.01, s.lastLrs()[1], 1e-17);
        assertThrows(IllegalArgumentException.class,
                () -> ReduceLROnPlateau.builder().minLrs(0.1).build(new FakeOptimizer(0.1, 0.1)));
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of("factor", (Executable) () -> ReduceLROnPlateau.builder().factor(1.0)),
                Arguments.of("factor", (Executable) () -> ReduceLROnPlateau.builder().factor(0.0)),
                Arguments.of("patience", (Executable) () -> ReduceLROnPlateau.builder().patience(-1)),
                Arguments.of("cooldown", (Executable) () -> ReduceLROnPlateau.builder().cooldown(-1)),
                Arguments.of("threshold", (Executable) () -> ReduceLROnPlateau.builder().threshold(-1e-3)),
                Arguments.of("minLr", (Executable) () -> ReduceLROnPlateau.builder().minLr(-1)),
                Arguments.of("minLrs", (Executable) () -> ReduceLROnPlateau.builder().minLrs(0.1, -0.2)),
                Arguments.of("eps", (Executable) () -> ReduceLROnPlateau.builder().eps(Double.NaN)),
                Arguments.of("mode", (Executable) () -> ReduceLROnPlateau.builder().mode(null)),
                Arguments.of("thresholdMode", (Executable) () -> ReduceLROnPlateau.builder().thresholdMode(null)),
                Arguments.of("metric", (Executable) () -> Schedulers.reduceLROnPlateau(new FakeOptimizer(0.1))
                        .step(Double.NaN)));
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("badArguments")
    void badArgumentThrowsNamingIt(String argument, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(argument), e.getMessage());
    }
}
