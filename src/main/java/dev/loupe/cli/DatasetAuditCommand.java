package dev.loupe.cli;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.audit.AuditFinding;
import dev.loupe.engine.audit.AuditReport;
import dev.loupe.engine.audit.DatasetAuditor;
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
import java.util.concurrent.Callable;

/**
 * {@code loupe dataset audit DATASET [--features]}: duplicates, unreadable or tiny images, empty classes, imbalance;
 * with {@code --features} also near-duplicates, train/validation leakage and likely mislabels (needs the backbone).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check a dataset for duplicates, unreadable or tiny images, empty classes and imbalance; "
                + "with --features also near-duplicates, train/validation leakage and likely mislabels.")
final class DatasetAuditCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset folder.")
    Path dataset;

    @Option(names = "--features", description = "Also compare images by their features (see --backbone): "
            + "near-duplicates, near-duplicates split across training and validation, likely mislabels.")
    boolean features;

    @Mixin BackboneOption backbone;

    @Override
    public Integer call() throws Exception {
        var snapshot = new DatasetScanner().scan(dataset);
        var descriptor = features ? Engine.backbones().require(backbone.id) : null;
        AuditReport report = Jobs.run(common, System.err, m -> {
            FeatureSet set = null;
            if (descriptor != null) {
                try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
                    set = new FeatureService(Engine.extractors(common)).features(snapshot, catalogue, descriptor, m);
                }
            }
            return new DatasetAuditor().audit(snapshot, set, m);
        });
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, report);
            return ExitCodes.OK;
        }
        out.printf("%d images in %d classes: %s%n", report.imageCount(), report.classCount(),
                report.isClean() ? "no problems found." : report.findings().size() + (report.findings().size() == 1 ? " problem." : " problems."));
        for (AuditFinding f : report.findings()) {
            out.printf("  %-18s %s%n", f.kind().name().toLowerCase().replace('_', ' '), f.message());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
