package lrlab.lesson;

import java.util.LinkedHashMap;
import java.util.Map;
import lrlab.data.Dataset;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.train.RunSettings;
import lrlab.train.Trainer;
import lrlab.train.TrainingListener;
import lrlab.train.TrainingResult;
import lrlab.util.Check;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Weight decay in Adam, coupled and decoupled (Loshchilov and Hutter 2019, "Decoupled Weight Decay
 * Regularization"), on one model:
 * <pre>
 *   Adam + L2:  g ← g + λθ, then the Adam step η·m̂/(√v̂ + ε)   (the decay is divided by √v̂ like the gradient)
 *   AdamW:      θ ← θ·(1 − ηλ), then the Adam step on g alone  (every weight shrinks by the same factor)
 * </pre>
 * The <em>silent</em> parameters, whose gradient from the data is exactly zero (on the digits network: the
 * weights leaving pixels that are blank in every training image), show the difference most plainly: under
 * AdamW they shrink as ‖θ₀‖·(1 − ηλ)^t, under Adam + L2 the normalised decay moves each of them by about η per
 * step whatever λ is.
 *
 * <pre>{@code
 * var decay = DecoupledDecay.on(mlp, digits.validation()).lr(1e-3).epochs(20);
 * Table norms = decay.norms(1e-3, 1e-1);
 * Table sweep = decay.sweep(1e-4, 1e-3, 1e-2, 1e-1, 1);
 * }</pre>
 * The run settings are the shared ones ({@link RunSettings}) with this lesson's 20 epochs.
 */
public final class DecoupledDecay extends RunSettings<DecoupledDecay> {

    /** The run names: Adam with L2 in the gradient. */
    public static final String L2 = "Adam + L2";
    /** Adam with decoupled decay. */
    public static final String ADAMW = "AdamW";

    private final Model model;
    private final Dataset validation;
    private double lr = 1e-3;
    private TrainingListener progress;

    private DecoupledDecay(Model model, Dataset validation) {
        this.model = model;
        this.validation = validation;
        epochs(20);
    }

    @Override
    protected DecoupledDecay self() {
        return this;
    }

    /**
     * Runs of {@code model} on its training data, scored on {@code validation}.
     *
     * @param model the model
     * @param validation validation rows
     * @return the experiment
     */
    public static DecoupledDecay on(Model model, Dataset validation) {
        return new DecoupledDecay(Check.notNull("model", model), Check.notNull("validation", validation));
    }

    /**
     * Adam's rate η for every run (default 10⁻³, torch's default).
     *
     * @param lr &gt; 0
     * @return this
     */
    public DecoupledDecay lr(double lr) {
        this.lr = Check.positive("lr", lr);
        return this;
    }

    /**
     * Reports each run's epochs (e.g. to a notebook's progress line), each run named as a stage.
     *
     * @param progress told about every run (null for none)
     * @return this
     */
    public DecoupledDecay progress(TrainingListener progress) {
        this.progress = progress;
        return this;
    }

    /** @return optimizer steps of a whole run: epochs · ⌈n/B⌉ */
    public int totalSteps() {
        return config().totalSteps(model.rows());
    }

    /** @return indices of the silent parameters: those whose full-batch gradient at the initial parameters is exactly 0 */
    public int[] silentParameters() {
        double[] g = model.gradient(model.initialParams(config().seed()));
        return java.util.stream.IntStream.range(0, g.length).filter(j -> g[j] == 0.0).toArray();
    }

    /**
     * The optimizer of a run: {@link #L2} (Adam with weightDecay λ added to the gradient) or {@link #ADAMW}.
     *
     * @param kind L2 or ADAMW
     * @param lambda λ ≥ 0
     * @return a fresh optimizer
     */
    public Optimizer optimizer(String kind, double lambda) {
        Check.nonNegative("lambda", lambda);
        return L2.equals(Check.oneOf("kind", kind, L2, ADAMW)) ? Optimizers.adam(lr).weightDecay(lambda).build()
                : Optimizers.adamw(lr).weightDecay(lambda).build();
    }

    /**
     * Step by step, the norm of the silent parameters and of all the others, for Adam + L2 and AdamW at each λ:
     * a long table run ("AdamW, λ = 0.1"), kind, lambda, step (0 … total steps), silent_norm, other_norm,
     * and predicted_silent_norm = ‖θ₀,silent‖·(1 − ηλ)^t (AdamW's exact law for weights without data gradient;
     * NaN on the L2 rows).
     *
     * @param lambdas decay strengths λ ≥ 0
     * @return step by step, the norm of the silent parameters and of all the others, for Adam + L2 and AdamW at each λ: a long table run ("AdamW, λ = 0.1"), kind, lambda, step (0 … total steps), silent_norm, other_norm, and predicted_silent_norm = ‖θ₀,silent‖·(1 − ηλ)^t (AdamW's exact law for weights without data gradient; NaN on the L2 rows)
     */
    public Table norms(double... lambdas) {
        Check.that(lambdas != null && lambdas.length != 0, () -> "lambdas must not be empty");
        boolean[] silent = new boolean[model.dimension()];
        for (int j : silentParameters()) {
            silent[j] = true;
        }
        Table t = Table.create("norms step by step").addColumns(StringColumn.create("run"), StringColumn.create("kind"),
                DoubleColumn.create("lambda"), IntColumn.create("step"), DoubleColumn.create("silent_norm"),
                DoubleColumn.create("other_norm"), DoubleColumn.create("predicted_silent_norm"));
        for (String kind : new String[] {L2, ADAMW}) {
            for (double lambda : lambdas) {
                String run = kind + ", λ = " + lambda;
                double[] params = model.initialParams(config().seed());
                double start = norm(params, silent, true);
                double shrink = 1 - lr * lambda;
                boolean w = kind.equals(ADAMW);
                normRow(t, run, kind, lambda, 0, params, silent, w ? start : Double.NaN);
                TrainingListener norms = new TrainingListener() {
                    @Override
                    public void onStep(long s, double loss, double rate) {
                        normRow(t, run, kind, lambda, (int) s, params, silent, w ? start * Math.pow(shrink, s) : Double.NaN);
                    }
                };
                stage(run);
                Trainer.of(model, optimizer(kind, lambda)).config(config())
                        .listener(TrainingListener.combine(progress, norms)).fit(params);
            }
        }
        return t;
    }

    /**
     * Adam without decay, then Adam + L2 and AdamW at every λ: run ("Adam", "Adam + L2" or "AdamW"), lambda, train_loss (at the end, on all
     * training rows), val_loss, val_accuracy, weight_norm ‖θ‖, diverged. A run counts as diverged only when it
     * {@link TrainingResult#endedNonFinite() ended non-finite}, with no loss-ratio threshold: a strong λ that
     * ends with a high but finite loss is what the sweep shows, not a failed run.
     *
     * @param lambdas decay strengths λ &gt; 0
     * @return Adam without decay, then Adam + L2 and AdamW at every λ: run ("Adam", "Adam + L2" or "AdamW"), lambda, train_loss (at the end, on all training rows), val_loss, val_accuracy, weight_norm ‖θ‖, diverged
     */
    public Table sweep(double... lambdas) {
        Check.that(lambdas != null && lambdas.length != 0, () -> "lambdas must not be empty");
        Table t = Table.create("weight decay sweep").addColumns(StringColumn.create("run"),
                DoubleColumn.create("lambda"), DoubleColumn.create("train_loss"), DoubleColumn.create("val_loss"),
                DoubleColumn.create("val_accuracy"), DoubleColumn.create("weight_norm"), BooleanColumn.create("diverged"));
        Map<String, double[]> runs = new LinkedHashMap<>();
        runs.put("Adam", new double[] {0});
        runs.put(L2, lambdas);
        runs.put(ADAMW, lambdas);
        for (Map.Entry<String, double[]> e : runs.entrySet()) {
            for (double lambda : e.getValue()) {
                String kind = e.getKey();
                Optimizer opt = kind.equals("Adam") ? Optimizers.adam(lr).build() : optimizer(kind, Check.positive("lambda", lambda));
                stage(kind + ", λ = " + lambda);
                TrainingResult r = Trainer.of(model, opt).config(config()).validation(validation).listener(progress).fit();
                boolean div = r.endedNonFinite();
                t.stringColumn("run").append(kind);
                t.doubleColumn("lambda").append(lambda);
                t.doubleColumn("train_loss").append(div ? Double.NaN : model.value(r.params()));
                t.doubleColumn("val_loss").append(div ? Double.NaN : r.finalValLoss());
                t.doubleColumn("val_accuracy").append(div ? Double.NaN : r.finalValAccuracy());
                t.doubleColumn("weight_norm").append(div ? Double.NaN : norm(r.params(), null, false));
                t.booleanColumn("diverged").append(div);
            }
        }
        return t;
    }

    private void stage(String name) {
        if (progress != null) {
            progress.onStage(name);
        }
    }

    private static void normRow(Table t, String run, String kind, double lambda, int step, double[] params,
                                boolean[] silent, double predicted) {
        t.stringColumn("run").append(run);
        t.stringColumn("kind").append(kind);
        t.doubleColumn("lambda").append(lambda);
        t.intColumn("step").append(step);
        t.doubleColumn("silent_norm").append(norm(params, silent, true));
        t.doubleColumn("other_norm").append(norm(params, silent, false));
        t.doubleColumn("predicted_silent_norm").append(predicted);
    }

    /** ‖θ‖ over the parameters with silent[j] == which (all of them when silent is null). */
    private static double norm(double[] params, boolean[] silent, boolean which) {
        double s = 0;
        for (int j = 0; j < params.length; j++) {
            if (silent == null || silent[j] == which) {
                s += params[j] * params[j];
            }
        }
        return Math.sqrt(s);
    }
}
