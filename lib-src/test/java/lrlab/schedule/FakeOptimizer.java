package lrlab.schedule;

import lrlab.optim.ParamGroups;

/** Test-only optimizer: holds lr and momentum (initially 0) per group, step changes nothing. */
final class FakeOptimizer extends ParamGroups {

    FakeOptimizer(double... lrs) {
        this(true, lrs);
    }

    FakeOptimizer(boolean hasMomentum, double... lrs) {
        super("FakeOptimizer", hasMomentum, lrs.clone(), new double[lrs.length]);
    }

    static FakeOptimizer withoutMomentum(double lr) {
        return new FakeOptimizer(false, lr);
    }
}
