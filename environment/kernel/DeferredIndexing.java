package lrlab.kernel;

import java.lang.reflect.Method;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.kernel.JavaKernel;

import jdk.jshell.SourceCodeAnalysis;

/**
 * A JJava extension (found by JJava's service loader in {@code lrlab-kernel.jar}) that holds back
 * JShell's background class index for the kernel's first seconds (10 s; the system property
 * {@code lrlab.kernel.indexDelayMs} sets another delay, 0 builds the index at once as JJava does).
 *
 * <p>As soon as a JShell exists it walks every class of the JDK and of the classpath on a background
 * thread, to complete package names. In a kernel that is about a third of the CPU of its start, spent
 * while the kernel compiles its first cells, and for nothing in a notebook run headless (run, site,
 * grading, tests), whose kernel is usually gone before the delay ends. The JDK's own jshell tool holds
 * the index back during its start in the same way ({@code suspendIndexing}/{@code resumeIndexing}).
 * Completion keeps working meanwhile; only package names the index has not seen yet are missing.
 * On a JDK without these methods nothing changes.
 */
public final class DeferredIndexing implements Extension {

    /** How long after the kernel's start JShell's class index is built, unless the property says. */
    static final long DEFAULT_DELAY_MS = 10_000;

    /** Suspends the index of the kernel's JShell and starts the daemon thread that resumes it. */
    @Override
    public void install(BaseKernel kernel) {
        long delayMs = Long.getLong("lrlab.kernel.indexDelayMs", DEFAULT_DELAY_MS);
        if (!(kernel instanceof JavaKernel) || delayMs <= 0) {
            return;
        }
        SourceCodeAnalysis analysis = ((JavaKernel) kernel).getJShell().sourceCodeAnalysis();
        Method suspend;
        Method resume;
        try {
            suspend = analysis.getClass().getMethod("suspendIndexing");
            resume = analysis.getClass().getMethod("resumeIndexing");
            suspend.setAccessible(true);
            resume.setAccessible(true);
            suspend.invoke(analysis);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return; // not the JDK's JShell implementation: the index is built as usual
        }
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(delayMs);
                resume.invoke(analysis);
            } catch (InterruptedException | ReflectiveOperationException | RuntimeException e) {
                // the kernel is going away, or the index cannot be resumed: completion keeps working
            }
        }, "lrlab-index-later");
        later.setDaemon(true);
        later.start();
    }
}
