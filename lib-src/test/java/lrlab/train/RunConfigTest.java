package lrlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunConfigTest {

    @ParameterizedTest(name = "{0} rows, batches of {1}, {2} epochs: {3} per epoch, {4} in all")
    @CsvSource({"512, 8, 40, 64, 2560", "100, 32, 3, 4, 12", "10, 32, 5, 1, 5", "64, 64, 1, 1, 1"})
    void aRunTakesEpochsTimesTheCeilingOfRowsOverBatchSteps(int rows, int batch, int epochs, int perEpoch, int total) {
        RunConfig c = RunConfig.DEFAULTS.batchSize(batch).epochs(epochs);
        assertEquals(perEpoch, c.stepsPerEpoch(rows));
        assertEquals(total, c.totalSteps(rows));
    }

    @Test
    void noRowsIsRejectedWithTheNameOfTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunConfig.DEFAULTS.totalSteps(0));
        assertTrue(e.getMessage().startsWith("rows"), e.getMessage());
    }
}
