package dev.loupe.cli;

import dev.loupe.engine.dataset.DatasetLock;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.dataset.edit.Edit;
import dev.loupe.engine.inbox.BulkAcceptance;
import dev.loupe.engine.inbox.BulkPlan;
import dev.loupe.engine.inbox.Inbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code loupe inbox accept DATASET --min-confidence 0.95}: accept the confident suggestions, as one undoable edit. */
@Command(name = "accept", mixinStandardHelpOptions = true,
        description = {"Move every inbox photo whose suggestion is at or above a confidence into that class, as one "
                + "edit ('loupe dataset undo' puts them all back).",
            "Says first how many photos per class, and how often the model is wrong at that confidence on its "
                + "validation photos. Photos that look like nothing labelled stay in the inbox."})
final class InboxAcceptCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset folder.")
    Path dataset;

    @Option(names = "--min-confidence", required = true, paramLabel = "P", converter = PercentConverter.class,
            description = "Accept suggestions at or above this confidence: 0.95 or 95%%.")
    double minPercent;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "Suggest with this model file (default: the run selected in the studio, if any).")
    Path model;

    @Option(names = "--dry-run", description = "Only say what would move.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        BulkPlan plan;
        Optional<Edit> edit = Optional.empty();
        // Held from loading to moving, so the photos moved are the ones the plan was made from.
        try (DatasetLock lock = DatasetLock.acquire(dataset, "loupe inbox accept")) {
            Inbox inbox = InboxCommand.load(common, dataset, model);
            if (!inbox.hasModel()) {
                throw new IllegalArgumentException("There are no suggestions to accept: train a model first, in the "
                        + "studio or with loupe train and --model MODEL");
            }
            plan = BulkAcceptance.plan(inbox, minPercent / 100);
            if (!dryRun && plan.total() > 0) {
                DatasetEditor editor = DatasetEditor.open(dataset);
                editor.recovered().ifPresent(m -> System.err.println("warning: " + m));
                edit = BulkAcceptance.accept(editor, plan);
            }
        }
        print(spec.commandLine().getOut(), plan, edit);
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, BulkPlan plan, Optional<Edit> edit) {
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("minConfidence", plan.minConfidence());
            json.put("dryRun", dryRun);
            json.put("perClass", plan.counts());
            json.put("total", plan.total());
            json.put("validationPhotos", plan.validationPhotos());
            json.put("validationErrors", plan.validationErrors());
            json.put("validationErrorRate", nanToNull(plan.validationErrorRate()));
            json.put("expectedErrorRate", nanToNull(plan.expectedErrorRate()));
            json.put("unfamiliarLeft", plan.unfamiliarLeft());
            json.put("photos", plan.byClass());
            json.put("edit", edit.orElse(null));
            Output.json(out, json);
            return;
        }
        out.printf(Locale.ROOT, "%s %d photos at or above %s confidence%s%n", dryRun ? "Would move" : "Moved",
                edit.isPresent() || dryRun ? plan.total() : 0, Output.pct(plan.minConfidence()),
                plan.total() == 0 ? "" : ":");
        plan.counts().forEach((c, n) -> out.printf(Locale.ROOT, "  %-20s %d%n", TerminalText.safe(c), n));
        out.printf(Locale.ROOT, "Expected error rate: %s (validation: %d of %d photos at this confidence wrong); "
                        + "calibrated estimate for these photos: %s%n", Output.pct(plan.validationErrorRate()),
                plan.validationErrors(), plan.validationPhotos(), Output.pct(plan.expectedErrorRate()));
        if (plan.unfamiliarLeft() > 0) {
            out.printf(Locale.ROOT, "%d confident photos stay in the inbox: they look like nothing labelled%n",
                    plan.unfamiliarLeft());
        }
        edit.ifPresent(e -> out.println("Undo with: loupe dataset undo " + TerminalText.safe(dataset.toString())));
        out.flush();
    }

    private static Double nanToNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
