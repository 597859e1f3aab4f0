package lrlab.display;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;

/**
 * Reflective bridge to the running Java kernel's display machinery, so the library can show a MIME
 * bundle without a compile-time dependency on one kernel.
 *
 * <p>JJava ({@code org.dflib.jjava}) and IJava 1.3 ({@code io.github.spencerpark.ijava}) share one
 * shape: a static accessor of the running kernel, its {@code display(DisplayData)}, a display stream
 * with {@code updateDisplay(id, DisplayData)}, and {@code DisplayData.putData(mime, value)}; both
 * are looked up here once. Outside a kernel (unit
 * tests, a plain JVM) there is nothing to show: calls go to an optional {@link Sink} instead and the
 * library stays silent on stdout and stderr.
 */
public final class Kernel {

    /** Receives bundles when no kernel is running (tests inspect what would have been shown). */
    public interface Sink {
        /**
         * A new display; returns its id.
         *
         * @param bundle the MIME bundle: type → content
         * @return a new display; returns its id
         */
        String display(Map<String, Object> bundle);

        /**
         * Replaces the display with the given id.
         *
         * @param displayId the display to replace
         * @param bundle the MIME bundle: type → content
         */
        void update(String displayId, Map<String, Object> bundle);
    }

    private static final String[][] KERNELS = {
        // class with a static accessor of the running kernel, its name, the kernel's DisplayData class
        {"org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel", "org.dflib.jjava.jupyter.kernel.display.DisplayData"},
        {"io.github.spencerpark.ijava.IJava", "getKernelInstance", "io.github.spencerpark.jupyter.kernel.display.DisplayData"},
    };

    private static volatile Binding binding;
    private static volatile Sink sink;
    private static long detachedIds;

    private Kernel() {
    }

    /**
     * Routes displays to {@code target} instead of a kernel (null: back to the kernel, or nowhere).
     *
     * @param target the display to update
     */
    public static void redirectTo(Sink target) {
        sink = target;
    }

    /** @return whether a Jupyter Java kernel is running this code */
    public static boolean isAvailable() {
        return binding() != null;
    }

    /**
     * Shows a MIME bundle (mime type → data; JSON types take maps and lists) and returns its display
     * id, for a later {@link #update}.
     *
     * @param bundle the MIME bundle: type → content
     * @return the new display's id
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

    /**
     * Replaces what the display {@code displayId} shows.
     *
     * @param displayId the display to replace
     * @param bundle the MIME bundle: type → content
     */
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

    /**
     * The reflective handles of one kernel flavour. The bundle goes to the kernel's own
     * {@code display(DisplayData)} and its display stream's {@code updateDisplay}, bypassing the
     * renderer (which would show a DisplayData argument as its toString).
     */
    private static final class Binding {
        static final Binding NONE = new Binding(null, null, null, null, null, null);

        final Object kernel;
        final Method display;
        final Object displayStream;
        final Method update;
        final Constructor<?> newData;
        final Method putData;
        final Method setDisplayId;

        Binding(Object kernel, Method display, Object displayStream, Method update, Class<?> data, Method putData) {
            this.kernel = kernel;
            this.display = display;
            this.displayStream = displayStream;
            this.update = update;
            this.putData = putData;
            Constructor<?> constructor = null;
            Method setId = null;
            if (data != null) {
                try {
                    constructor = data.getConstructor();
                    setId = data.getMethod("setDisplayId", String.class);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            this.newData = constructor;
            this.setDisplayId = setId;
        }

        static Binding find() {
            for (String[] names : KERNELS) {
                try {
                    Object kernel = load(names[0]).getMethod(names[1]).invoke(null);
                    if (kernel == null) {
                        continue;
                    }
                    Class<?> data = load(names[2]);
                    Object io = kernel.getClass().getMethod("getIO").invoke(kernel);
                    Object stream = io.getClass().getField("display").get(io);
                    return new Binding(kernel, kernel.getClass().getMethod("display", data),
                            stream, stream.getClass().getMethod("updateDisplay", String.class, data),
                            data, data.getMethod("putData", String.class, Object.class));
                } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                    // not this kernel (or not inside one): try the next flavour
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
                String id = UUID.randomUUID().toString();
                Object data = toData(bundle);
                setDisplayId.invoke(data, id);
                display.invoke(kernel, data);
                return id;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the Java kernel refused a display: " + e, e);
            }
        }

        void update(String id, Map<String, Object> bundle) {
            try {
                Object data = toData(bundle);
                setDisplayId.invoke(data, id);
                update.invoke(displayStream, id, data);
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
