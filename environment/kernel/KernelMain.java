package lrlab.kernel;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the JJava kernel ({@code org.dflib.jjava.distro.JJava}, unchanged) in this JVM and ends the
 * JVM as soon as JJava's {@code main} returns, which it does once the kernel has answered Jupyter's
 * shutdown request and closed its sockets.
 *
 * <p>Why a main of our own: JJava 1.0a8 runs cells on a cached thread pool of non-daemon threads that
 * it never shuts down, so after the last cell the JVM lives on for the pool's 60 s keep-alive; Jupyter
 * waits 2.5 s for the process to exit, then sends SIGTERM. Every kernel start paid those 2.5 s at
 * shutdown. This class also replaces JJava's launcher JVM (which only builds this same command line
 * and starts a second JVM), and lowers JJava's logging to warnings so a healthy kernel writes nothing
 * on its stderr.
 *
 * <p>Built by {@code environment/lib/setup.sh} into {@code target/kernel/lrlab-kernel.jar}; the
 * kernelspec runs {@code java OPTIONS -cp lrlab-kernel.jar:jjava.jar lrlab.kernel.KernelMain
 * CONNECTION_FILE}.
 */
public final class KernelMain {

    private KernelMain() {
    }

    /**
     * Runs JJava with the given arguments (the connection file) and exits with 0 after a clean
     * shutdown, 1 when JJava failed.
     *
     * @param args JJava's arguments: the path of the Jupyter connection file
     */
    public static void main(String[] args) {
        Logger.getLogger("").setLevel(Level.WARNING);
        int status = 0;
        try {
            org.dflib.jjava.distro.JJava.main(args);
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}
