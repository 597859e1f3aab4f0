package lrlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Prints JMH's JSON result (-rf json) as the workbook's performance table: benchmark, params, score
 * per op, score per update or parameter, bytes allocated per op (gc profiler), the target
 * and PyTorch's figure. Usage: {@code BenchTable result.json}.
 */
public final class BenchTable {
    private BenchTable() {
    }

    /** Target and PyTorch figure for a benchmark (and param value), as text. */
    private static String[] reference(String method, String params) {
        if (method.startsWith("RateSweepBenchmark")) return new String[] {"<= 0.2 ns/update", "1.35 ns/update"};
        if (method.startsWith("AdamStepBenchmark")) {
            if (params.contains("=10,") || params.endsWith("=10")) return new String[] {"<= 50 ns/step", "32 us/step"};
            if (params.contains("1000000")) return new String[] {"<= 6 ns/param", "26.8 ns/param"};
            return new String[] {"-", "-"};
        }
        if (method.equals("MlpEpochBenchmark.epoch")) return new String[] {"<= 3 ms/epoch", "9.8 ms/epoch"};
        return new String[] {"-", "-"};
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BenchTable JMH_RESULT.json");
            System.exit(2);
        }
        JsonNode root = new ObjectMapper().readTree(new File(args[0]));
        String fmt = "%-38s %-14s %14s %16s %14s %-18s %-16s%n";
        System.out.printf(Locale.ROOT, fmt, "benchmark", "params", "per op", "per update/param", "B/op alloc",
                "target", "PyTorch 2.13");
        for (JsonNode r : root) {
            String full = r.path("benchmark").asText();
            String method = full.substring(full.lastIndexOf('.', full.lastIndexOf('.') - 1) + 1);
            StringBuilder params = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (params.length() > 0) params.append(',');
                params.append(e.getKey()).append('=').append(e.getValue().asText());
            }
            JsonNode pm = r.path("primaryMetric");
            double score = pm.path("score").asDouble();
            double err = pm.path("scoreError").asDouble();
            String unit = pm.path("scoreUnit").asText();
            int opsPerInv = opsPerInvocation(method);
            double perInvocation = score * opsPerInv;
            String perUpdate;
            double perOp;
            if (opsPerInv > 1) {
                perOp = perInvocation;
                perUpdate = String.format(Locale.ROOT, "%.3f±%.3f %s", score, Double.isNaN(err) ? 0 : err, unit);
            } else {
                perOp = score;
                int n = paramCount(r.path("params"));
                perUpdate = n > 0 ? String.format(Locale.ROOT, "%.3f %s/param", score / n, unit) : "-";
            }
            JsonNode alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
            String bytes = alloc.isMissingNode() ? "-" : String.format(Locale.ROOT, "%.3f", alloc.path("score").asDouble());
            String[] ref = reference(method, params.toString());
            System.out.printf(Locale.ROOT, fmt, method, params.length() == 0 ? "-" : params, human(perOp, unit),
                    perUpdate, bytes, ref[0], ref[1]);
        }
    }

    /** JMH's JSON does not carry @OperationsPerInvocation: the benchmarks that use it, by name. */
    private static int opsPerInvocation(String method) {
        if (method.startsWith("RateSweepBenchmark")) return 4096 * 1000;
        return 1;
    }

    /** A parameter named d or dim (Adam's dimension), else 0. */
    private static int paramCount(JsonNode params) {
        for (String k : new String[] {"d", "dim", "dimension", "n"}) {
            if (params.has(k)) {
                try {
                    return Integer.parseInt(params.get(k).asText());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static String human(double value, String unit) {
        if (!unit.startsWith("ns/")) return String.format(Locale.ROOT, "%.3f %s", value, unit);
        String per = unit.substring(2);
        if (value >= 1e6) return String.format(Locale.ROOT, "%.3f ms%s", value / 1e6, per);
        if (value >= 1e3) return String.format(Locale.ROOT, "%.3f us%s", value / 1e3, per);
        return String.format(Locale.ROOT, "%.3f ns%s", value, per);
    }
}
