package lrlab.notebook;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Reflective bridge to the running Java kernel's display machinery, so the library can show a MIME
 * bundle without a compile-time dependency on one kernel.
 *
 * <p>JJava ({@code org.dflib.jjava}) and IJava 1.3 ({@code io.github.spencerpark.ijava}) both offer
 * static {@code display(Object)} and {@code updateDisplay(String, Object)}, and a {@code DisplayData}
 * class with {@code putData(String, Object)}; both are looked up here once. Outside a kernel (unit
 * tests, a plain JVM) there is nothing to show: calls go to an optional {@link Sink} instead and the
 * library stays silent on stdout and stderr.
 */
public final class Kernel {

    /** Receives bundles when no kernel is running (tests inspect what would have been shown). */
    public interface Sink {
        /** A new display; returns its id. */
        String display(Map<String, Object> bundle);

        /** Replaces the display with the given id. */
        void update(String displayId, Map<String, Object> bundle);
    }

    private static final String[][] KERNELS = {
        // statics class, DisplayData class
        {"org.dflib.jjava.jupyter.kernel.BaseNotebookStatics", "org.dflib.jjava.jupyter.kernel.display.DisplayData"},
        {"io.github.spencerpark.ijava.runtime.Display", "io.github.spencerpark.jupyter.kernel.display.DisplayData"},
    };

    private static volatile Binding binding;
    private static volatile Sink sink;
    private static long detachedIds;

    private Kernel() {
    }

    /** Routes displays to {@code target} instead of a kernel (null: back to the kernel, or nowhere). */
    public static void redirectTo(Sink target) {
        sink = target;
    }

    /** Whether a Jupyter Java kernel is running this code. */
    public static boolean isAvailable() {
        return binding() != null;
    }

    /**
     * Shows a MIME bundle (mime type → data; JSON types take maps and lists) and returns its display
     * id, for a later {@link #update}.
     */
    public static String display(Map<String, Object> bundle) {
        Sink s = sink;
        if (s != null) {
            return s.display(bundle);
        }
        Binding b = binding();
        if (b == null) {
            synchronized (Kernel.class) {
                return "detached-" + (++detachedIds);
            }
        }
        return b.display(bundle);
    }

    /** Replaces what the display {@code displayId} shows. */
    public static void update(String displayId, Map<String, Object> bundle) {
        Sink s = sink;
        if (s != null) {
            s.update(displayId, bundle);
            return;
        }
        Binding b = binding();
        if (b != null) {
            b.update(displayId, bundle);
        }
    }

    private static Binding binding() {
        Binding b = binding;
        if (b == null) {
            synchronized (Kernel.class) {
                if (binding == null) {
                    binding = Binding.find();
                }
                b = binding;
            }
        }
        return b == Binding.NONE ? null : b;
    }

    /** The reflective handles of one kernel flavour. */
    private static final class Binding {
        static final Binding NONE = new Binding(null, null, null, null);

        final Method display;
        final Method update;
        final Constructor<?> newData;
        final Method putData;

        Binding(Method display, Method update, Constructor<?> newData, Method putData) {
            this.display = display;
            this.update = update;
            this.newData = newData;
            this.putData = putData;
        }

        static Binding find() {
            for (String[] names : KERNELS) {
                try {
                    Class<?> statics = load(names[0]);
                    Class<?> data = load(names[1]);
                    return new Binding(
                            statics.getMethod("display", Object.class),
                            statics.getMethod("updateDisplay", String.class, Object.class),
                            data.getConstructor(),
                            data.getMethod("putData", String.class, Object.class));
                } catch (ReflectiveOperationException | LinkageError e) {
                    // not this kernel: try the next flavour
                }
            }
            return NONE;
        }

        private static Class<?> load(String name) throws ClassNotFoundException {
            try {
                return Class.forName(name, false, Kernel.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                if (context == null) {
                    throw e;
                }
                return Class.forName(name, false, context);
            }
        }

        String display(Map<String, Object> bundle) {
            try {
                return String.valueOf(display.invoke(null, toData(bundle)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the Java kernel refused a display: " + e, e);
            }
        }

        void update(String id, Map<String, Object> bundle) {
            try {
                update.invoke(null, id, toData(bundle));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the Java kernel refused a display update: " + e, e);
            }
        }

        private Object toData(Map<String, Object> bundle) throws ReflectiveOperationException {
            Object data = newData.newInstance();
            for (Map.Entry<String, Object> e : bundle.entrySet()) {
                putData.invoke(data, e.getKey(), e.getValue());
            }
            return data;
        }
    }
}
