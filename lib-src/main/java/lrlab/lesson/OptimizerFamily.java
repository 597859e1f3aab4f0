package lrlab.lesson;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleFunction;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;

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

    /** The factory of one name: "SGD", "AdaGrad", "RMSprop" or "Adam". */
    public static DoubleFunction<Optimizer> factory(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must be one of SGD, AdaGrad, RMSprop, Adam, got null");
        }
        switch (name) {
            case "SGD": return lr -> Optimizers.sgd(lr).build();
            case "AdaGrad": return lr -> Optimizers.adagrad(lr).build();
            case "RMSprop": return lr -> Optimizers.rmsprop(lr).build();
            case "Adam": return lr -> Optimizers.adam(lr).build();
            default: throw new IllegalArgumentException("name must be one of SGD, AdaGrad, RMSprop, Adam, got '" + name + "'");
        }
    }

    /** name → factory for the given names, in their order (at least one). */
    public static Map<String, DoubleFunction<Optimizer>> of(String... names) {
        if (names == null || names.length == 0) {
            throw new IllegalArgumentException("names must not be empty");
        }
        Map<String, DoubleFunction<Optimizer>> family = new LinkedHashMap<>();
        for (String n : names) {
            family.put(n, factory(n));
        }
        return family;
    }

    /** All four: SGD, AdaGrad, RMSprop, Adam. */
    public static Map<String, DoubleFunction<Optimizer>> all() {
        return of("SGD", "AdaGrad", "RMSprop", "Adam");
    }
}
