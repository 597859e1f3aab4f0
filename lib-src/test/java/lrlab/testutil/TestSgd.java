package lrlab.testutil;

import lrlab.optim.Optimizer;

/** Test-only plain SGD θ ← θ − lr·g with an optional momentum buffer (torch semantics, no dampening). */
public final class TestSgd implements Optimizer {

    private double lr;
    private double momentum;
    private double[] buf;
    private long steps;

    public TestSgd(double lr) {
        this(lr, 0.0);
    }

    public TestSgd(double lr, double momentum) {
        this.lr = lr;
        this.momentum = momentum;
    }

    @Override
    public void step(double[] params, double[] gradient) {
        if (momentum != 0) {
            if (buf == null) {
                buf = gradient.clone();
            } else {
                for (int i = 0; i < buf.length; i++) {
                    buf[i] = momentum * buf[i] + gradient[i];
                }
            }
            for (int i = 0; i < params.length; i++) {
                params[i] -= lr * buf[i];
            }
        } else {
            for (int i = 0; i < params.length; i++) {
                params[i] -= lr * gradient[i];
            }
        }
        steps++;
    }

    @Override public int groupCount() { return 1; }
    @Override public double lr(int group) { return lr; }
    @Override public void setLr(int group, double lr) { this.lr = lr; }
    @Override public boolean hasMomentum() { return true; }
    @Override public double momentum(int group) { return momentum; }
    @Override public void setMomentum(int group, double m) { this.momentum = m; }
    @Override public long stepCount() { return steps; }
    @Override public void reset() { buf = null; steps = 0; }
}
