package lrlab.oracle;

/** A case that does not follow the oracle schema (missing key, wrong type, unknown class or argument). */
public class OracleFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OracleFormatException(String message) {
        super(message);
    }
}
