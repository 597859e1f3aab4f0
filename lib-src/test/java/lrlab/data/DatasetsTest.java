package lrlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import lrlab.testutil.Tol;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class DatasetsTest {

    @Test
    void diabetesHas442RowsOf10RawFeaturesAndRealTargets() {
        Dataset ds = Datasets.diabetes();
        assertEquals(442, ds.rows());
        assertEquals(10, ds.features());
        assertEquals(59.0, ds.x(0, 0));
        assertEquals(151.0, ds.targets()[0]);
        assertEquals("bmi", ds.featureNames()[2]);
    }

    @Test
    void breastCancerSkipsItsCountLineAndHas212Malignant() {
        Dataset ds = Datasets.breastCancer();
        assertEquals(569, ds.rows());
        assertEquals(30, ds.features());
        assertEquals(2, ds.classCount());
        assertEquals(17.99, ds.x(0, 0));
        assertEquals(212, Arrays.stream(ds.labels()).filter(l -> l == 0).count());
        assertEquals("worst fractal dimension", ds.featureNames()[29]);
    }

    @Test
    void digitsHas1797RowsOf64PixelsAndTenClasses() {
        Dataset ds = Datasets.digits();
        assertEquals(1797, ds.rows());
        assertEquals(64, ds.features());
        assertEquals(10, ds.classCount());
        assertEquals(0, ds.labels()[0]);
        assertEquals(5.0, ds.x(0, 2));
    }

    @Test
    void splitIsSeededAndPartitionsTheRows() {
        Dataset ds = Datasets.breastCancer();
        Split a = ds.split(0.8, 7);
        Split b = ds.split(0.8, 7);
        assertEquals(455, a.train().rows());
        assertEquals(114, a.validation().rows());
        assertArrayEquals(a.train().x(), b.train().x());
        Split c = ds.split(0.8, 8);
        assertTrue(!Arrays.equals(a.train().x(), c.train().x()));
    }

    @Test
    void standardizeFitsOnTrainAndAppliesToValidation() {
        Split s = Datasets.diabetes().split(0.75, 1).standardize();
        Dataset tr = s.train();
        for (int j = 0; j < tr.features(); j++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < tr.rows(); i++) {
                mean += tr.x(i, j);
                sq += tr.x(i, j) * tr.x(i, j);
            }
            Tol.assertClose(0.0, mean / tr.rows(), 0, 1e-12, "train mean of feature " + j);
            Tol.assertClose(1.0, sq / tr.rows(), 1e-12, 1e-12, "train variance of feature " + j);
        }
        Standardizer st = Standardizer.fit(Datasets.diabetes().split(0.75, 1).train());
        Dataset rawVal = Datasets.diabetes().split(0.75, 1).validation();
        Tol.assertClose((rawVal.x(0, 2) - st.mean()[2]) / st.std()[2], s.validation().x(0, 2), 1e-12, 0,
                "validation uses train statistics");
    }

    @Test
    void toTableHasFeatureColumnsAndLabel() {
        Table t = Datasets.digits().toTable();
        assertEquals(1797, t.rowCount());
        assertEquals(65, t.columnCount());
        assertEquals("label", t.column(64).name());
    }

    @Test
    void missingFileNamesThePathAndTheFix() {
        String old = System.getProperty("lrlab.data");
        System.setProperty("lrlab.data", "/nonexistent/lrlab-data");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, Datasets::digits);
            assertTrue(e.getMessage().contains("/nonexistent/lrlab-data/digits.csv.gz"), e.getMessage());
            assertTrue(e.getMessage().contains("LRLAB_ROOT"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty("lrlab.data");
            } else {
                System.setProperty("lrlab.data", old);
            }
        }
    }

    @Test
    void badArgumentsAreRejected() {
        Dataset ds = Datasets.breastCancer();
        assertThrows(IllegalArgumentException.class, () -> ds.split(1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> ds.split(0.0, 0));
        assertThrows(IllegalArgumentException.class, () -> ds.split(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> Dataset.regression("r", new double[5], 2, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> Dataset.regression("r", new double[4], 2, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Dataset.classification("c", new double[4], 2, new int[] {0, 2}, 2));
        assertThrows(IllegalArgumentException.class, () -> Dataset.regression("r", new double[0], 2, new double[0]));
        assertThrows(IllegalStateException.class, ds::targets);
        assertThrows(IllegalStateException.class, () -> Datasets.diabetes().labels());
    }
}
