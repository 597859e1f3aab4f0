package lrlab.oracle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Replays one kind of PyTorch oracle case ({@code optimizer}, {@code scheduler},
 * {@code seed-example}) through the library. Implementations are found with
 * {@link java.util.ServiceLoader} (listed in META-INF/services/lrlab.oracle.CaseRunner).
 */
public interface CaseRunner {

    /** The value of the case's {@code kind} key that this runner handles. */
    String kind();

    /**
     * Runs the case and compares every expected series with the tolerance the case states.
     * Problems with the case itself (unknown class, unknown argument, missing key) are reported
     * as a failed {@link CaseResult} naming them, never thrown.
     */
    CaseResult run(JsonNode oracleCase);
}
