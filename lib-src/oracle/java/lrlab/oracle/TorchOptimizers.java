package lrlab.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import lrlab.optim.Adam;
import lrlab.optim.Adagrad;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.optim.RmsProp;
import lrlab.optim.Sgd;
import lrlab.oracle.OptimizerCaseRunner.Json;

/**
 * Builds an lrlab optimizer from a torch spec {@code {"class": "torch.optim.Adam", "args": {...}}},
 * with torch's defaults for absent arguments. An unknown class or argument is an
 * {@link OracleFormatException} naming it; out-of-range values are the builders'
 * IllegalArgumentException. Arguments that do not change the arithmetic ({@code foreach},
 * {@code differentiable}, {@code capturable}, {@code fused}) and {@code maximize: false} are accepted.
 */
public final class TorchOptimizers {

    private TorchOptimizers() {
    }

    /** The optimizer described by a {@code torch} object. */
    public static Optimizer build(JsonNode torch) {
        String cls = torch.path("class").asText("");
        JsonNode args = torch.get("args");
        switch (cls) {
            case "torch.optim.SGD": {
                Sgd.Builder b = Optimizers.sgd(lrArg(args, 1e-3));
                for (Iterator<Map.Entry<String, JsonNode>> it = Json.fields(args, "torch.args"); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    switch (e.getKey()) {
                        case "momentum" -> b.momentum(num(e));
                        case "dampening" -> b.dampening(num(e));
                        case "weight_decay" -> b.weightDecay(num(e));
                        case "nesterov" -> b.nesterov(Json.flag(e.getValue(), "torch.args.nesterov"));
                        default -> common(cls, e);
                    }
                }
                return b.build();
            }
            case "torch.optim.Adagrad": {
                Adagrad.Builder b = Optimizers.adagrad(lrArg(args, 1e-2));
                for (Iterator<Map.Entry<String, JsonNode>> it = Json.fields(args, "torch.args"); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    switch (e.getKey()) {
                        case "lr_decay" -> b.lrDecay(num(e));
                        case "weight_decay" -> b.weightDecay(num(e));
                        case "initial_accumulator_value" -> b.initialAccumulatorValue(num(e));
                        case "eps" -> b.eps(num(e));
                        default -> common(cls, e);
                    }
                }
                return b.build();
            }
            case "torch.optim.RMSprop": {
                RmsProp.Builder b = Optimizers.rmsprop(lrArg(args, 1e-2));
                for (Iterator<Map.Entry<String, JsonNode>> it = Json.fields(args, "torch.args"); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    switch (e.getKey()) {
                        case "alpha" -> b.alpha(num(e));
                        case "eps" -> b.eps(num(e));
                        case "weight_decay" -> b.weightDecay(num(e));
                        case "momentum" -> b.momentum(num(e));
                        case "centered" -> b.centered(Json.flag(e.getValue(), "torch.args.centered"));
                        default -> common(cls, e);
                    }
                }
                return b.build();
            }
            case "torch.optim.Adam":
            case "torch.optim.AdamW": {
                double lr = lrArg(args, 1e-3);
                Adam.Builder b = cls.endsWith("AdamW") ? Optimizers.adamw(lr) : Optimizers.adam(lr);
                for (Iterator<Map.Entry<String, JsonNode>> it = Json.fields(args, "torch.args"); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    switch (e.getKey()) {
                        case "betas" -> {
                            double[] betas = Json.vector(e.getValue(), "torch.args.betas");
                            if (betas.length != 2) {
                                throw new OracleFormatException("torch.args.betas must be [beta1, beta2], got "
                                        + e.getValue());
                            }
                            b.betas(betas[0], betas[1]);
                        }
                        case "eps" -> b.eps(num(e));
                        case "weight_decay" -> b.weightDecay(num(e));
                        case "amsgrad" -> b.amsgrad(Json.flag(e.getValue(), "torch.args.amsgrad"));
                        case "decoupled_weight_decay" -> b.decoupledWeightDecay(
                                Json.flag(e.getValue(), "torch.args.decoupled_weight_decay"));
                        default -> common(cls, e);
                    }
                }
                return b.build();
            }
            default:
                throw new OracleFormatException("unknown optimizer class '" + cls
                        + "' (known: torch.optim.SGD, Adagrad, RMSprop, Adam, AdamW)");
        }
    }

    private static double lrArg(JsonNode args, double torchDefault) {
        return args != null && args.has("lr") ? Json.number(args.get("lr"), "torch.args.lr") : torchDefault;
    }

    private static double num(Map.Entry<String, JsonNode> e) {
        return Json.number(e.getValue(), "torch.args." + e.getKey());
    }

    /** Arguments every torch optimizer takes; anything else is unknown. */
    private static void common(String cls, Map.Entry<String, JsonNode> e) {
        JsonNode v = e.getValue();
        switch (e.getKey()) {
            case "lr":
                return;
            case "maximize":
                if (v.isBoolean() && !v.asBoolean()) {
                    return;
                }
                throw new OracleFormatException("unsupported argument torch.args.maximize=" + v + " for " + cls);
            case "foreach":
            case "differentiable":
            case "capturable":
            case "fused":
                if (v.isNull() || v.isBoolean()) {
                    return;
                }
                throw new OracleFormatException("torch.args." + e.getKey() + " must be true, false or null, got " + v);
            default:
                throw new OracleFormatException("unknown argument '" + e.getKey() + "' for " + cls);
        }
    }
}
