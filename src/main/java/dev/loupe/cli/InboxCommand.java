package dev.loupe.cli;

import dev.loupe.engine.dataset.DatasetLock;
import dev.loupe.engine.inbox.Inbox;
import dev.loupe.engine.inbox.InboxJob;
import dev.loupe.engine.inbox.InboxOrder;
import dev.loupe.engine.inbox.InboxPhoto;
import dev.loupe.engine.inbox.Suggestion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code loupe inbox DATASET}: the photos waiting for a label, with the model's suggestion for each. */
@Command(name = "inbox", mixinStandardHelpOptions = true, subcommands = InboxAcceptCommand.class,
        description = {"List the dataset's inbox (the photos directly in the dataset folder, not yet in a class "
                + "folder) with the selected run's suggestion, confidence and flags.",
            "Label one photo with 'loupe dataset move DATASET CLASS PHOTO'; accept many with 'loupe inbox accept'."})
final class InboxCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    // Optional to picocli only: a required one would be asked of 'loupe inbox accept DATASET' too.
    @Parameters(index = "0", arity = "0..1", paramLabel = "DATASET", description = "The dataset folder.")
    Path dataset;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "Suggest with this model file (default: the run selected in the studio, if any).")
    Path model;

    @Option(names = "--order", defaultValue = "uncertain-diverse", paramLabel = "ORDER",
            converter = OrderConverter.class,
            description = "uncertain-diverse (the most uncertain, the first ten from different groups: the photos "
                    + "worth labelling first), uncertain (smallest margin first), confident, or class (default: "
                    + "${DEFAULT-VALUE}).")
    InboxOrder order;

    @Override
    public Integer call() throws Exception {
        if (dataset == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing required parameter: 'DATASET'");
        }
        Inbox inbox;
        try (DatasetLock lock = DatasetLock.acquire(dataset, "loupe inbox")) {
            inbox = load(common, dataset, model);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<InboxPhoto> photos = inbox.sorted(order);
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("run", inbox.runId());
            json.put("backbone", inbox.backboneId());
            json.put("order", order.cliName());
            json.put("photos", photos.stream().map(InboxCommand::row).toList());
            json.put("warnings", inbox.warnings());
            Output.json(out, json);
            return ExitCodes.OK;
        }
        if (!inbox.hasModel()) {
            out.println("No trained run yet: train one in the studio, or give a model with --model, to see "
                    + "suggestions.");
        }
        out.printf("%s in the inbox%s%n", photos.size() == 1 ? "1 photo" : photos.size() + " photos",
                inbox.hasModel()
                ? " (suggestions from " + TerminalText.safe(inbox.runId()) + ", " + order.cliName() + " first)"
                : "");
        for (InboxPhoto p : photos) {
            Suggestion s = p.suggestion();
            String flags = flags(p);
            out.println(s == null ? TerminalText.safe(p.path()) + (flags.isEmpty() ? "" : "  " + flags)
                    : String.format(Locale.ROOT, "%-40s %-16s %6s  margin %.2f%s", TerminalText.safe(p.path()),
                    TerminalText.safe(s.label()), Output.pct(s.confidence()), s.margin(),
                    flags.isEmpty() ? "" : "  " + flags));
        }
        inbox.warnings().forEach(w -> out.println("Skipped " + TerminalText.safe(w)));
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * The inbox of {@code dataset} with suggestions from {@code model}, or from the selected run when null; the caller
     * holds the dataset (features may be extracted into its catalogue).
     */
    static Inbox load(CommonOptions common, Path dataset, Path model) throws Exception {
        InboxJob job = model != null
                ? new InboxJob(Engine.backbones(), Engine.extractors(common), dataset,
                        model.getFileName().toString(), model, null)
                : InboxJob.forSelectedRun(Engine.backbones(), Engine.extractors(common), dataset);
        return Jobs.run(common, System.err, job);
    }

    private static String flags(InboxPhoto p) {
        List<String> f = new ArrayList<>();
        if (p.suggestion() != null && p.suggestion().lowConfidence()) {
            f.add("low-confidence");
        }
        if (p.unfamiliar()) {
            f.add("unfamiliar");
        }
        return String.join(",", f);
    }

    private static Map<String, Object> row(InboxPhoto p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("path", p.path());
        Suggestion s = p.suggestion();
        row.put("suggestion", s == null ? null : s.label());
        row.put("confidence", s == null ? null : s.confidence());
        row.put("margin", s == null ? null : s.margin());
        row.put("entropy", s == null ? null : s.entropy());
        row.put("lowConfidence", s != null && s.lowConfidence());
        row.put("unfamiliar", p.unfamiliar());
        row.put("nearestSimilarity", Float.isNaN(p.nearest()) ? null : p.nearest());
        return row;
    }

    /** {@code uncertain-diverse}, {@code uncertain}, {@code confident} or {@code class}, in any case. */
    static final class OrderConverter implements picocli.CommandLine.ITypeConverter<InboxOrder> {
        @Override
        public InboxOrder convert(String value) {
            for (InboxOrder o : List.of(InboxOrder.UNCERTAIN_DIVERSE, InboxOrder.UNCERTAIN, InboxOrder.CONFIDENT,
                    InboxOrder.CLASS)) {
                if (o.cliName().equalsIgnoreCase(value.strip())) {
                    return o;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value
                    + "' is not an order: use uncertain-diverse, uncertain, confident or class");
        }
    }
}
