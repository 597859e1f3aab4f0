package lrlab.model;

/** Hidden-layer activation of {@link Mlp}. */
public enum Activation {
    /** tanh(a), derivative 1 − tanh²(a). */
    TANH,
    /** max(a, 0), derivative [a > 0]. */
    RELU
}
