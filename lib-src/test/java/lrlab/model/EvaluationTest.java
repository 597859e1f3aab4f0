package lrlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import lrlab.data.Dataset;
import lrlab.data.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Model#evaluate} gives value(θ) and accuracy(θ) bit for bit from one pass. */
class EvaluationTest {

    static Stream<Arguments> models() {
        Dataset digits = Datasets.digits().standardize();
        Dataset cancer = Datasets.breastCancer().standardize();
        Dataset diabetes = Datasets.diabetes().standardize();
        return Stream.of(Mlp.of(digits, 32), Mlp.of(digits, 16, Activation.TANH),
                LogisticRegression.of(cancer), LinearRegression.of(diabetes))
                .map(m -> Arguments.of(m.getClass().getSimpleName(), m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void evaluateEqualsValueAndAccuracyBitForBit(String name, Model m) {
        for (long seed = 0; seed < 3; seed++) {
            double[] p = m.initialParams(seed);
            for (int j = 0; j < p.length; j++) {
                p[j] *= 1 + seed; // a few different operating points
            }
            Evaluation e = m.evaluate(p);
            assertEquals(Double.doubleToRawLongBits(m.value(p)), Double.doubleToRawLongBits(e.loss()), name + " loss");
            assertEquals(Double.doubleToRawLongBits(m.accuracy(p)), Double.doubleToRawLongBits(e.accuracy()),
                    name + " accuracy");
        }
    }

    @Test
    void regressionHasNoAccuracy() {
        Model m = LinearRegression.of(Datasets.diabetes().standardize());
        assertTrue(Double.isNaN(m.evaluate(m.initialParams(0)).accuracy()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void evaluateRejectsParamsOfTheWrongLength(String name, Model m) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.evaluate(new double[1]));
        assertTrue(e.getMessage().startsWith("params must have length " + m.dimension()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.evaluate(null));
    }
}
