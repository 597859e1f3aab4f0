package lrlab.optim;

import lrlab.testutil.Tol;
import org.junit.jupiter.api.Test;

/**
 * Adam against a textbook loop that recomputes β^t with Math.pow every step, while a "scheduler"
 * changes lr and β1 between steps (the cached powers must follow the current β1, as torch does).
 */
class AdamReferenceTest {

    @Test
    void followsTheTextbookWhenLrAndBetaOneChangeBetweenSteps() {
        double beta2 = 0.99;
        double eps = 1e-8;
        Adam adam = Optimizers.adam(0.05).betas(0.9, beta2).build();
        double[] x = {1.0, -2.0};
        double[] ref = x.clone();
        double[] m = new double[2];
        double[] v = new double[2];
        double[] g = new double[2];
        for (int t = 1; t <= 40; t++) {
            double lr = 0.05 * (1 + 0.5 * Math.sin(t));
            double beta1 = t % 7 < 3 ? 0.9 : 0.85 + 0.001 * t;
            adam.setLr(lr);
            adam.setMomentum(0, beta1);
            for (int i = 0; i < 2; i++) {
                g[i] = (i + 1) * x[i] - 0.5;
            }
            adam.step(x, g);
            for (int i = 0; i < 2; i++) {
                double gi = (i + 1) * ref[i] - 0.5;
                m[i] = beta1 * m[i] + (1 - beta1) * gi;
                v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
                double mHat = m[i] / (1 - Math.pow(beta1, t));
                double vHat = v[i] / (1 - Math.pow(beta2, t));
                ref[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            Tol.assertClose(ref, x, 1e-12, 1e-14, "step " + t);
        }
    }

    @Test
    void staysOnTheTextbookPastTheStepWhereBetaTwoToTheTUnderflows() {
        // 0.999^t leaves the normal range near t = 7.1e5; the cached product must keep giving 1 − β^t = 1
        double beta1 = 0.9;
        double beta2 = 0.999;
        double eps = 1e-8;
        double lr = 1e-3;
        Adam adam = Optimizers.adam(lr).betas(beta1, beta2).build(1);
        double[] x = {0.0};
        double ref = 0.0;
        double m = 0;
        double v = 0;
        double[] g = new double[1];
        for (int t = 1; t <= 800_000; t++) {
            g[0] = Math.cos(0.001 * t);
            adam.step(x, g);
            m = beta1 * m + (1 - beta1) * g[0];
            v = beta2 * v + (1 - beta2) * g[0] * g[0];
            double mHat = m / (1 - Math.pow(beta1, t));
            double vHat = v / (1 - Math.pow(beta2, t));
            ref -= lr * mHat / (Math.sqrt(vHat) + eps);
            if (t % 50_000 == 0 || t > 799_990) {
                Tol.assertClose(ref, x[0], 1e-9, 1e-12, "step " + t);
            }
        }
    }
}
