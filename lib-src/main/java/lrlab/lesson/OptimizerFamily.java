package lrlab.lesson;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleFunction;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.util.Check;

/**
 * Named optimizer factories η ↦ optimizer with default hyper-parameters, as sweeps take them
 * ({@link Sensitivity#sweep(Map, double...)}): "SGD" θ ← θ − η g, "AdaGrad", "RMSprop" (α = 0.99) and "Adam"
 * (β₁ = 0.9, β₂ = 0.999), each dividing η by √v_j + ε per parameter.
 *
 * <pre>{@code
 * Table t = Sensitivity.on("MLP", mlp, validation).sweep(OptimizerFamily.of("SGD", "Adam"), rates);
 * }</pre>
 */
public final class OptimizerFamily {

    private OptimizerFamily() {
    }

    /** The four names in their order, each with its factory. */
    private static final Map<String, DoubleFunction<Optimizer>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("SGD", lr -> Optimizers.sgd(lr).build());
        FACTORIES.put("AdaGrad", lr -> Optimizers.adagrad(lr).build());
        FACTORIES.put("RMSprop", lr -> Optimizers.rmsprop(lr).build());
        FACTORIES.put("Adam", lr -> Optimizers.adam(lr).build());
    }

    /**
     * @param name "SGD", "AdaGrad", "RMSprop" or "Adam"
     * @return the factory η ↦ optimizer of that name, with default hyper-parameters
     */
    public static DoubleFunction<Optimizer> factory(String name) {
        return FACTORIES.get(Check.oneOf("name", name, FACTORIES.keySet().toArray(new String[0])));
    }

    /**
     * @param names at least one of "SGD", "AdaGrad", "RMSprop", "Adam"
     * @return name → factory for the given names, in their order
     */
    public static Map<String, DoubleFunction<Optimizer>> of(String... names) {
        Check.that(names != null && names.length > 0, () -> "names must not be empty");
        Map<String, DoubleFunction<Optimizer>> family = new LinkedHashMap<>();
        for (String n : names) {
            family.put(n, factory(n));
        }
        return family;
    }

    /** @return all four: SGD, AdaGrad, RMSprop, Adam */
    public static Map<String, DoubleFunction<Optimizer>> all() {
        return of("SGD", "AdaGrad", "RMSprop", "Adam");
    }
}
