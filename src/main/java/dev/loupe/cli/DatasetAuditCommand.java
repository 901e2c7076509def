package dev.loupe.cli;

import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.audit.AuditFinding;
import dev.loupe.engine.dataset.audit.AuditReport;
import dev.loupe.engine.dataset.audit.DatasetAuditor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code loupe dataset audit DATASET}: duplicates, unreadable or tiny images, empty classes, imbalance. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check a dataset for duplicates, unreadable or tiny images, empty classes and imbalance.")
final class DatasetAuditCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset folder.")
    Path dataset;

    @Override
    public Integer call() throws Exception {
        var snapshot = new DatasetScanner().scan(dataset);
        AuditReport report = Jobs.run(common, System.err, m -> new DatasetAuditor().audit(snapshot, m));
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
