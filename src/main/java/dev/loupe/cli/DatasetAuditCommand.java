package dev.loupe.cli;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.audit.AuditFinding;
import dev.loupe.engine.audit.AuditReport;
import dev.loupe.engine.audit.DatasetAuditor;
import dev.loupe.engine.explain.Explainer;
import dev.loupe.engine.explain.Shortcut;
import dev.loupe.engine.explain.ShortcutCheck;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code loupe dataset audit DATASET [--features] [--model MODEL]}: duplicates, unreadable or tiny images, empty
 * classes, imbalance; with {@code --features} also near-duplicates, train/validation leakage and likely mislabels
 * (needs the backbone); with {@code --model} also shortcuts, classes the model recognises by one place in their photos.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check a dataset for duplicates, unreadable or tiny images, empty classes and imbalance; "
                + "with --features also near-duplicates, train/validation leakage and likely mislabels; with "
                + "--model also shortcuts (a class the model finds by the same place in most of its photos, such as a "
                + "watermark's corner).")
final class DatasetAuditCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset folder.")
    Path dataset;

    @Option(names = "--features", description = "Also compare images by their features (see --backbone): "
            + "near-duplicates, near-duplicates split across training and validation, likely mislabels.")
    boolean features;

    @Mixin BackboneOption backbone;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "A model trained on this dataset (.loupe): also look at its heat maps for shortcuts, a class "
                    + "recognised by the same place in most of its photos (a watermark, a border, a background).")
    Path model;

    @Override
    public Integer call() throws Exception {
        var snapshot = new DatasetScanner().scan(dataset);
        var descriptor = features ? Engine.backbones().require(backbone.id) : null;
        List<Shortcut> shortcuts = new ArrayList<>();
        AuditReport report = Jobs.run(common, System.err, m -> {
            FeatureSet set = null;
            if (descriptor != null) {
                try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
                    set = new FeatureService(Engine.extractors(common)).features(snapshot, catalogue, descriptor, m);
                }
            }
            AuditReport audit = new DatasetAuditor().audit(snapshot, set, m);
            if (model == null) {
                return audit;
            }
            try (Explainer explainer = Explainer.open(model, Engine.backbones(), Engine.extractors(common))) {
                shortcuts.addAll(ShortcutCheck.standard().check(snapshot, explainer, m));
            }
            return DatasetAuditor.withShortcuts(audit, shortcuts);
        });
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, report);
            return ExitCodes.OK;
        }
        out.printf("%d images in %d classes: %s%n", report.imageCount(), report.classCount(),
                report.isClean() ? "no problems found." : report.findings().size() + (report.findings().size() == 1 ? " problem." : " problems."));
        for (AuditFinding f : report.findings()) {
            out.printf("  %-18s %s%n", f.kind().name().toLowerCase().replace('_', ' '),
                    TerminalText.safe(f.message()));
        }
        for (Shortcut s : shortcuts) {
            out.printf("%nWhere the model looks for %s, its heat maps averaged over %d photos (@ hottest):%n%s"
                    + "Examples: %s%n", s.label(), s.photos(), grid(s), String.join(", ", s.examples()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The averaged map as text, one character per cell from blank (cold) to @ (hottest). */
    private static String grid(Shortcut s) {
        String shades = " .:-=+*#%@";
        float max = 0;
        for (float v : s.meanMap()) {
            max = Math.max(max, v);
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < s.height(); r++) {
            sb.append("  |");
            for (int c = 0; c < s.width(); c++) {
                float v = max == 0 ? 0 : s.meanMap()[r * s.width() + c] / max;
                char ch = shades.charAt(Math.min(shades.length() - 1, (int) (v * shades.length())));
                sb.append(ch).append(ch);
            }
            sb.append("|\n");
        }
        return sb.toString();
    }
}
