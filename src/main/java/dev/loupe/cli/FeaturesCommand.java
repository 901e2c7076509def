package dev.loupe.cli;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetLock;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.ImageProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code loupe features DATASET}: extract and cache only; {@code loupe features import} brings a cluster's. */
@Command(name = "features", mixinStandardHelpOptions = true, subcommands = FeaturesImportCommand.class,
        description = "Extract and cache the features of a dataset's images, so training later takes seconds.")
final class FeaturesCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "DATASET", description = "Folder with one sub-folder of images per class.")
    Path dataset;

    @Mixin BackboneOption backbone;

    @Override
    public Integer call() throws Exception {
        long start = System.currentTimeMillis();
        var descriptor = Engine.backbones().require(backbone.id);
        FeatureSet set;
        try (DatasetLock lock = DatasetLock.acquire(dataset, "loupe features")) {
            set = Jobs.run(common, System.err, m -> {
                DatasetSnapshot snapshot = new DatasetScanner().scan(dataset);
                try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
                    return new FeatureService(Engine.extractors(common)).features(snapshot, catalogue, descriptor, m);
                }
            });
        }
        long millis = System.currentTimeMillis() - start;
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, Map.of("backbone", set.backboneId(), "images", set.samples().size(),
                    "extracted", set.extracted(), "cached", set.cached(), "problems", set.problems(),
                    "millis", millis));
            return ExitCodes.OK;
        }
        out.printf("%d images: %d extracted, %d cached (%s) in %s%n", set.samples().size(), set.extracted(),
                set.cached(), set.backboneId(), Output.seconds(millis));
        for (ImageProblem p : set.problems()) {
            out.println("Skipped " + p);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
