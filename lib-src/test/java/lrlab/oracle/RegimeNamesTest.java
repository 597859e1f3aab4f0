package lrlab.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.objective.Regime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegimeNamesTest {

    @ParameterizedTest(name = "{0} is \"{1}\" in the oracle files")
    @CsvSource({"MONOTONE, monotone-convergence", "ONE_STEP, one-step", "ZIG_ZAG, zig-zag-convergence",
            "OSCILLATING, oscillation", "DIVERGING, divergence"})
    void everyRegimeHasItsOracleNameAndBack(Regime regime, String name) {
        assertEquals(name, RegimeNames.of(regime));
        assertEquals(regime, RegimeNames.regime(name));
    }

    @Test
    void anUnknownNameIsRejectedListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegimeNames.regime("chaos"));
        assertTrue(e.getMessage().contains("zig-zag-convergence"), e.getMessage());
    }
}
