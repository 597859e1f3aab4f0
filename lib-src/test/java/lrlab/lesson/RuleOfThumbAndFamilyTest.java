package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lrlab.data.Datasets;
import lrlab.data.Split;
import lrlab.model.LinearRegression;
import lrlab.optim.Optimizer;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RuleOfThumbAndFamilyTest {

    private static Table ranges(String problem, String optimizer, double from, double to) {
        return Table.create("r").addColumns(StringColumn.create("run", List.of(problem + " · " + optimizer)),
                StringColumn.create("problem", List.of(problem)), StringColumn.create("optimizer", List.of(optimizer)),
                DoubleColumn.create("good_from", new double[] {from}), DoubleColumn.create("good_to", new double[] {to}));
    }

    @Test
    void theTableHoldsEveryRowOfTheCourseTextAndTheRangeEachRunIsComparedWith() {
        assertArrayEquals(new double[] {0.01, 0.1}, RuleOfThumb.range("linear", "SGD"));
        assertArrayEquals(new double[] {0.001, 0.01}, RuleOfThumb.range("MLP", "SGD"));
        assertArrayEquals(new double[] {1e-4, 1e-3}, RuleOfThumb.range("logistic", "Adam"));
        Table t = RuleOfThumb.table();
        assertEquals(List.of("Linear regression", "Logistic regression", "Simple neural networks", "Deep networks (SGD)",
                "Deep networks (Adam)", "Transformers", "Fine-tuning pretrained"), t.stringColumn("row").asList());
        assertEquals(List.of("yes", "yes", "yes", "no", "stand-in", "no", "no"), t.stringColumn("measured_here").asList());
        assertArrayEquals(new double[] {1e-5, 5e-5}, new double[] {t.doubleColumn("from").get(6), t.doubleColumn("to").get(6)});
    }

    @Test
    void adamRunsAreComparedWithTheOnlyAdamRowAndSayWhichRowThatIs() {
        assertEquals("Deep networks (Adam)", RuleOfThumb.rowName("linear", "Adam"));
        assertEquals("Linear regression", RuleOfThumb.rowName("linear", "SGD"));
        assertEquals("Deep networks (Adam)", RuleOfThumb.compare(ranges("linear", "Adam", 0.1, 1)).stringColumn("table_row").get(0));
    }

    @Test
    void unknownProblemsOrOptimizersAreRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> RuleOfThumb.range("transformer", "SGD"));
        assertTrue(e.getMessage().contains("transformer"));
        assertFalse(RuleOfThumb.covers("linear", "AdaGrad"));
        assertThrows(IllegalArgumentException.class, () -> RuleOfThumb.compare(ranges("linear", "AdaGrad", 0.1, 1)));
        assertThrows(IllegalArgumentException.class, () -> RuleOfThumb.chart("t", ranges("linear", "SGD", 0.1, 1), "MLP"));
    }

    @Test
    void compareMarksOverlapIncludingTouchingEndsAndMisses() {
        assertTrue(RuleOfThumb.compare(ranges("linear", "SGD", 0.1, 1)).booleanColumn("overlaps").get(0));
        assertFalse(RuleOfThumb.compare(ranges("linear", "SGD", 0.2, 1)).booleanColumn("overlaps").get(0));
        Table c = RuleOfThumb.compare(ranges("MLP", "Adam", 1e-6, 1e-5));
        assertFalse(c.booleanColumn("overlaps").get(0));
        assertEquals("1e-04–1e-03", c.stringColumn("table_range").get(0));
    }

    @Test
    void theFamilyBuildsEachOptimizerAtTheRequestedRateInOrder() {
        var all = OptimizerFamily.all();
        assertEquals(List.of("SGD", "AdaGrad", "RMSprop", "Adam"), List.copyOf(all.keySet()));
        for (var f : all.values()) {
            Optimizer o = f.apply(0.03);
            assertEquals(0.03, o.lr(), 0.0);
        }
        assertThrows(IllegalArgumentException.class, () -> OptimizerFamily.factory("Lion"));
        assertThrows(IllegalArgumentException.class, OptimizerFamily::of);
    }

    @Test
    void rangesCarryProblemAndOptimizerAndValuePicksTheMatchingRow() {
        Split d = Datasets.diabetes().split(0.8, 0).standardize();
        Table sweep = Sensitivity.on("linear", LinearRegression.of(d.train()), d.validation()).epochs(2)
                .sweep(OptimizerFamily.of("SGD", "Adam"), 0.01, 0.1);
        Table r = Sensitivity.goodRanges(sweep, 0.25);
        assertEquals("Adam", r.stringColumn("optimizer").get(1));
        assertEquals(r.doubleColumn("best_lr").get(1), Sensitivity.value(r, "linear", "Adam", "best_lr"));
        assertThrows(IllegalArgumentException.class, () -> Sensitivity.value(r, "linear", "RMSprop", "best_lr"));
    }

    @Test
    void batchScalingScalesTheRateLinearlyAndCountsTotalSteps() {
        Split d = Datasets.diabetes().split(0.8, 0).standardize();
        var s = BatchScaling.on(LinearRegression.of(d.train()), d.validation()).base(0.2, 32).epochs(10);
        assertEquals(3.2, s.scaledLr(512), 1e-12);
        assertEquals(10 * s.stepsPerEpoch(512), s.totalSteps(512));
        assertThrows(IllegalArgumentException.class, () -> s.scaledLr(0));
    }
}
