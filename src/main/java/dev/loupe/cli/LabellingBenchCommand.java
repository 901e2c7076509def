package dev.loupe.cli;

import dev.loupe.engine.bench.LabellingBench;
import dev.loupe.engine.bench.LabellingPlot;
import dev.loupe.engine.bench.LabellingReport;
import dev.loupe.engine.bench.LabellingStrategy;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.util.OutputGuard;
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
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code loupe bench labelling DATASET...}: which order to label in, measured with a simulated labeller. */
@Command(name = "labelling", mixinStandardHelpOptions = true,
        description = {"Simulate a labeller with an oracle on labelled datasets' features: from a few labels per "
                + "class, label in batches in each order (random, margin, entropy, margin+diverse, confident), "
                + "retrain after each batch, score on a fixed held-out test set.",
            "Reports, per order, the labels needed to reach 95%% of the accuracy all labels give (docs/labelling.md)."})
final class LabellingBenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin BackboneOption backbone;

    @Parameters(arity = "1..*", paramLabel = "DATASET", description = "Labelled datasets (class folders).")
    List<Path> datasets;

    @Option(names = "--seeds", defaultValue = "3", description = "Runs per order (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--start", defaultValue = "5", paramLabel = "N",
            description = "Labels per class to start from (default: ${DEFAULT-VALUE}).")
    int start;

    @Option(names = "--batch", defaultValue = "10", paramLabel = "N",
            description = "Photos labelled between retrains (default: ${DEFAULT-VALUE}, as the studio retrains).")
    int batch;

    @Option(names = "--growing",
            description = "Batches of a quarter of what is labelled, at least --batch: fewer retrains, coarser.")
    boolean growing;

    @Option(names = "--budget", defaultValue = "10%", paramLabel = "P", converter = PercentConverter.class,
            description = "Stop when this share of the pool is labelled (default: ${DEFAULT-VALUE}).")
    double budget;

    @Option(names = "--orders", split = ",", paramLabel = "ORDER",
            description = "Orders to simulate (default: all): ${COMPLETION-CANDIDATES}.")
    List<LabellingStrategy> orders;

    @Option(names = "--all-labels", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Train on all labels for the target (default: on; --no-all-labels to split orders over "
                    + "runs).")
    boolean allLabels;

    @Option(names = "--plot", paramLabel = "PNG", description = "Also draw the learning curves into this PNG.")
    Path plot;

    @Override
    public Integer call() throws Exception {
        OptionValues.atLeast(spec, "--seeds", seeds, 1);
        OptionValues.atLeast(spec, "--start", start, 1);
        OptionValues.atLeast(spec, "--batch", batch, 1);
        if (plot != null) {
            OutputGuard.check(plot, datasets);
        }
        var descriptor = Engine.backbones().require(backbone.id);
        LabellingBench bench = new LabellingBench(0.2, seeds, start, batch, growing, budget / 100,
                orders != null ? orders : LabellingBench.defaults().strategies(), allLabels);
        long t0 = System.nanoTime();
        List<LabellingReport.DatasetResult> results = new ArrayList<>();
        for (Path dataset : datasets) {
            FeatureSet set = Jobs.run(common, System.err, m -> LabellingBench.features(dataset, descriptor,
                    Engine.extractors(common), m));
            String name = dataset.toAbsolutePath().normalize().getFileName().toString();
            results.add(bench.run(name, set.samples(), stage -> {
                if (!common.quiet && !common.json) {
                    System.err.println("Simulating " + stage + "...");
                }
            }));
        }
        LabellingReport report = new LabellingReport(results, (System.nanoTime() - t0) / 1e9);
        if (plot != null) {
            LabellingPlot.write(results, plot);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, report);
        } else {
            print(out, report);
        }
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, LabellingReport report) {
        for (LabellingReport.DatasetResult r : report.datasets()) {
            out.printf(Locale.ROOT, "%s: pool %d, test %d, %d classes, %d seeds, %d labels per class to start, "
                            + "budget %d labels%n", TerminalText.safe(r.name()), r.pool(), r.test(), r.classes(),
                    r.seeds(), r.startPerClass(), r.maxLabels());
            out.printf(Locale.ROOT, "All labels: accuracy %.3f; target (95%%) %.3f%n", r.fullAccuracy(), r.target());
            out.printf(Locale.ROOT, "%-16s %-22s %-10s %s%n", "order", "labels to target", "vs random",
                    "per seed; accuracy at the budget");
            for (LabellingReport.StrategyResult s : r.strategies()) {
                StringBuilder seeds = new StringBuilder();
                for (double v : s.labelsToTarget()) {
                    seeds.append(seeds.length() == 0 ? "" : ", ").append(Double.isNaN(v) ? "not reached"
                            : String.format(Locale.ROOT, "%.0f", v));
                }
                double[] acc = s.meanAccuracy();
                out.printf(Locale.ROOT, "%-16s %-22s %-10s %s; %.3f%n", s.strategy(),
                        Double.isNaN(s.meanToTarget()) ? "not reached" : String.format(Locale.ROOT, "%.0f",
                                s.meanToTarget()),
                        Double.isNaN(s.ratioToRandom()) ? "n/a" : String.format(Locale.ROOT, "%.2f",
                                s.ratioToRandom()), seeds, acc[acc.length - 1]);
            }
            out.println();
        }
        out.printf(Locale.ROOT, "%.0f s%n", report.seconds());
        out.flush();
    }
}
