package lrlab.lesson;

import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import lrlab.analysis.MomentumStability;
import lrlab.analysis.RateSweep;
import lrlab.objective.Quadratic;
import lrlab.optim.Optimizers;
import lrlab.trace.GradientDescent;
import lrlab.trace.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.Table;

/** The facts notebook 03b (momentum) teaches, on its runs. */
class Lesson03bFactsTest {

    private static final MomentumStability M = MomentumStability.of(1.0);
    private static final double[] LRS = RateSweep.linspace(0.03, 4.18, 84);
    private static final double[] BETAS = IntStream.range(0, 20).mapToDouble(i -> 0.05 * i).toArray();

    @ParameterizedTest
    @CsvSource({"0.5, 2.0", "0.9, 10.0"})
    void onAGentleSlopeMomentumMultipliesTheStepByOneOverOneMinusBeta(double beta, double factor) {
        var slope = GradientDescent.on(Quadratic.of(1e-5, 0.0)).from(1e4).steps(60);
        Trajectory plain = slope.run(0.5);
        Trajectory ball = slope.run("ball", Optimizers.sgd(0.5).momentum(beta).build());
        double ratio = Math.abs(ball.w(60) - ball.w(59)) / Math.abs(plain.w(60) - plain.w(59));
        assertClose(factor, ratio, 0.005, "last step / plain step at beta " + beta);
        assertEquals(factor, MomentumStability.effectiveLr(1.0, beta), 1e-12);
    }

    @Test
    void theTableOfLimitsRisesForTheHeavyBallAndFallsForNesterov() {
        Table t = M.limits(0.0, 0.5, 0.9, 0.99);
        assertEquals(2.0, t.doubleColumn("heavy_ball_limit").get(0), 0.0);
        assertClose(3.8, t.doubleColumn("heavy_ball_limit").get(2), 1e-15, "2(1 + 0.9)");
        assertClose(1.5, t.doubleColumn("nesterov_limit").get(1), 1e-15, "2(1.5)/2");
        assertTrue(t.doubleColumn("nesterov_limit").get(3) < 1.34 && t.doubleColumn("nesterov_limit").get(3) > 4.0 / 3);
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void everyRunOfTheGridAgreesWithTheFormula(boolean nesterov) {
        Table t = M.region(LRS, BETAS, nesterov, 1000);
        assertEquals(1680, t.rowCount());
        assertEquals(0, t.where(t.stringColumn("agree").isEqualTo("no")).rowCount());
        assertTrue(t.where(t.stringColumn("measured").isEqualTo("stable")).rowCount() > 300, "a real stable region");
    }

    @Test
    void theGridMissesEveryLimitByAtLeastPointOneEightPercent() {
        double closest = Double.POSITIVE_INFINITY;
        for (double b : BETAS) {
            for (double limit : new double[] {M.stabilityLimit(b), M.nesterovStabilityLimit(b)}) {
                for (double lr : LRS) {
                    closest = Math.min(closest, Math.abs(lr - limit) / limit);
                }
            }
        }
        assertTrue(closest >= 0.0018, "closest relative distance " + closest);
    }

    @Test
    void tunedMomentumNeedsAboutRootKappaWherePlainDescentNeedsKappa() {
        Table t = Lessons.momentumConditioning(1e-6, 1, 10, 100, 1000);
        assertEquals(71, t.intColumn("plain_iterations").get(1));
        assertEquals(27, t.intColumn("heavy_ball_iterations").get(1));
        assertEquals(7082, t.intColumn("plain_iterations").get(3));
        assertEquals(321, t.intColumn("heavy_ball_iterations").get(3));
        for (int r = 2; r < t.rowCount(); r++) {
            double plainGrowth = (double) t.intColumn("plain_iterations").get(r) / t.intColumn("plain_iterations").get(r - 1);
            double ballGrowth = (double) t.intColumn("heavy_ball_iterations").get(r)
                    / t.intColumn("heavy_ball_iterations").get(r - 1);
            assertClose(10, plainGrowth, 0.05, "plain: x10 kappa, x10 iterations");
            assertTrue(ballGrowth > 2.5 && ballGrowth < 4, "heavy ball: about sqrt(10), got " + ballGrowth);
        }
    }
}
