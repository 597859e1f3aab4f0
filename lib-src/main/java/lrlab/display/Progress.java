package lrlab.display;

/**
 * A display that long work rewrites in place ({@code display} once, then {@code updateDisplay}), so a
 * notebook shows progress instead of silence and nothing goes to stderr.
 */
public final class Progress {

    private final String displayId;

    Progress(String displayId) {
        this.displayId = displayId;
    }

    /**
     * Replaces the shown line.
     *
     * @param line the new line
     */
    public void update(String line) {
        Kernel.update(displayId, Bundles.text(line));
    }

    /** @return the kernel's id of this display */
    public String displayId() {
        return displayId;
    }
}
