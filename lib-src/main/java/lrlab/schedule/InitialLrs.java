package lrlab.schedule;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import lrlab.optim.Optimizer;

/**
 * torch's {@code param_group["initial_lr"]}: the lr of each group when the first scheduler was
 * attached. Later schedulers on the same optimizer take their base lrs from it, not from the
 * (already scheduled) current lr; OneCycleLR forces it. Kept beside the optimizer, weakly.
 */
final class InitialLrs {

    private static final Map<Optimizer, double[]> INITIAL = Collections.synchronizedMap(new WeakHashMap<>());

    private InitialLrs() {
    }

    /** setdefault: records the current lrs if none are recorded, and returns the recorded ones (a copy). */
    static double[] getOrRecord(Optimizer optimizer) {
        double[] lrs = INITIAL.computeIfAbsent(optimizer, InitialLrs::currentLrs);
        if (lrs.length != optimizer.groupCount()) {
            lrs = currentLrs(optimizer);
            INITIAL.put(optimizer, lrs);
        }
        return lrs.clone();
    }

    /** Overwrites the recorded initial lrs (OneCycleLR). */
    static void force(Optimizer optimizer, double[] lrs) {
        INITIAL.put(optimizer, lrs.clone());
    }

    static double[] currentLrs(Optimizer optimizer) {
        double[] lrs = new double[optimizer.groupCount()];
        for (int g = 0; g < lrs.length; g++) {
            lrs[g] = optimizer.lr(g);
        }
        return lrs;
    }
}
