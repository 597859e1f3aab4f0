package lrlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class TrainingResultTest {

    private static TrainingResult endingAt(boolean stopped, double valLoss) {
        Table history = Table.create("history").addColumns(IntColumn.create("epoch", 1),
                DoubleColumn.create("lr", 0.1), DoubleColumn.create("train_loss", 1.0),
                DoubleColumn.create("val_loss", valLoss), DoubleColumn.create("val_accuracy", Double.NaN));
        return new TrainingResult(new double[1], history, Table.create("steps"), stopped, stopped ? 5 : -1, 1);
    }

    @ParameterizedTest(name = "stopped={0}, final val loss {1}: non-finite {2}, above 10 × 2.0 {3}")
    @CsvSource({"false, 1.5, false, false", "false, 20.0, false, false", "false, 20.5, false, true",
            "false, NaN, true, true", "false, Infinity, true, true", "true, 1.5, true, true"})
    void aRunDivergesWhenItEndsNonFiniteOrAboveTheFactorTimesItsStart(boolean stopped, double valLoss,
                                                                     boolean nonFinite, boolean above) {
        TrainingResult r = endingAt(stopped, valLoss);
        assertEquals(nonFinite, r.endedNonFinite());
        assertEquals(above, r.divergedAbove(TrainingResult.DIVERGENCE_FACTOR, 2.0));
    }
}
