package lrlab.oracle;

import lrlab.objective.Regime;
import lrlab.util.Check;

/**
 * The words the PyTorch oracle files use in {@code analysis.regime} for the library's {@link Regime}s
 * ({@code "monotone-convergence"}, {@code "one-step"}, {@code "zig-zag-convergence"}, {@code "oscillation"},
 * {@code "divergence"}): a fact of the oracle's file format, so it lives with the replay, not on the enum.
 */
public final class RegimeNames {

    private RegimeNames() {
    }

    /**
     * @param regime a regime
     * @return its name in the oracle files, e.g. {@code "zig-zag-convergence"} for {@link Regime#ZIG_ZAG}
     */
    public static String of(Regime regime) {
        return switch (Check.notNull("regime", regime)) {
            case MONOTONE -> "monotone-convergence";
            case ONE_STEP -> "one-step";
            case ZIG_ZAG -> "zig-zag-convergence";
            case OSCILLATING -> "oscillation";
            case DIVERGING -> "divergence";
        };
    }

    /**
     * The regime the oracle files name {@code name}.
     *
     * @param name one of the five oracle names
     * @return the regime of that name
     * @throws IllegalArgumentException for any other name
     */
    public static Regime regime(String name) {
        Regime[] regimes = Regime.values();
        String[] names = new String[regimes.length];
        for (int i = 0; i < regimes.length; i++) {
            names[i] = of(regimes[i]);
        }
        Check.oneOf("regime", name, names);
        return regimes[java.util.Arrays.asList(names).indexOf(name)];
    }
}
