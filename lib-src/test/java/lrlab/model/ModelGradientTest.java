package lrlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import lrlab.data.Dataset;
import lrlab.data.Datasets;
import lrlab.testutil.Tol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ModelGradientTest {

    static Stream<Arguments> models() {
        Dataset diabetes = Datasets.diabetes().standardize();
        Dataset cancer = Datasets.breastCancer().standardize();
        Dataset digits = Datasets.digits().standardize();
        return Stream.of(
                Arguments.of("linear", LinearRegression.of(diabetes)),
                Arguments.of("logistic", LogisticRegression.of(cancer)),
                Arguments.of("mlp-relu", Mlp.of(digits, 8, Activation.RELU)),
                Arguments.of("mlp-tanh", Mlp.of(digits, 8, Activation.TANH)),
                Arguments.of("mlp-30-inputs", Mlp.of(cancer, 5, Activation.TANH)));
    }

    /** Central differences (L(θ + h e_i) − L(θ − h e_i))/2h on a batch of 7 rows. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void batchGradientMatchesCentralDifferences(String name, Model model) {
        double[] p = model.initialParams(3);
        int[] idx = {5, 17, 2, 40, 41, 99, 3};
        double[] g = new double[p.length];
        double v = model.valueAndGradient(p, g, idx, 0, idx.length);
        Tol.assertClose(model.value(p, idx, 0, idx.length), v, 1e-12, 0, name + " value agrees");
        double h = 1e-6;
        int step = Math.max(1, p.length / 60);
        for (int i = 0; i < p.length; i += step) {
            double old = p[i];
            p[i] = old + h;
            double up = model.value(p, idx, 0, idx.length);
            p[i] = old - h;
            double down = model.value(p, idx, 0, idx.length);
            p[i] = old;
            Tol.assertClose((up - down) / (2 * h), g[i], 1e-5, 1e-7, name + " dL/dθ_" + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void wholeDataObjectiveIsTheMeanOverAllRows(String name, Model model) {
        double[] p = model.initialParams(1);
        int n = model.data().rows();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        double[] g1 = new double[p.length];
        double[] g2 = new double[p.length];
        Tol.assertClose(model.valueAndGradient(p, g1, all, 0, n), model.valueAndGradient(p, g2), 1e-12, 0, name);
        Tol.assertClose(g1[0], g2[0], 1e-12, 1e-15, name + " gradient");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void initialisationIsSeeded(String name, Model model) {
        assertEquals(model.initialParams(4)[0], model.initialParams(4)[0]);
        assertTrue(model.initialParams(4)[0] != model.initialParams(5)[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void wrongLengthsAndEmptyBatchesAreRejected(String name, Model model) {
        double[] p = model.initialParams(0);
        double[] g = new double[p.length];
        assertThrows(IllegalArgumentException.class, () -> model.value(new double[p.length + 1], new int[] {0}, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> model.valueAndGradient(p, new double[1], new int[] {0}, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> model.valueAndGradient(p, g, new int[] {0}, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> model.valueAndGradient(p, g, new int[] {0}, 0, 2));
    }

    @Test
    void logisticLossIsStableForHugeLogits() {
        Dataset ds = Dataset.classification("t", new double[] {1000.0, -1000.0}, 1, new int[] {0, 1}, 2);
        LogisticRegression m = LogisticRegression.of(ds);
        double v = m.value(new double[] {1.0, 0.0});
        Tol.assertClose(1000.0, v, 1e-12, 0, "log(1 + e^1000) − 0 ≈ 1000");
    }

    @Test
    void modelsRejectTheWrongKindOfData() {
        assertThrows(IllegalArgumentException.class, () -> LinearRegression.of(Datasets.digits()));
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.of(Datasets.digits()));
        assertThrows(IllegalArgumentException.class, () -> Mlp.of(Datasets.digits(), 0));
        assertThrows(IllegalArgumentException.class, () -> Mlp.of(Datasets.diabetes(), 4));
        assertThrows(IllegalArgumentException.class, () -> Mlp.of(Datasets.digits(), 4).on(Datasets.breastCancer()));
    }

    @Test
    void mlpHasTheTorchParameterCountFor64x32x10() {
        assertEquals(64 * 32 + 32 + 32 * 10 + 10, Mlp.of(Datasets.digits(), 32).dimension());
    }
}
