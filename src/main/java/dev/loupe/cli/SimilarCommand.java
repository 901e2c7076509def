package dev.loupe.cli;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.embedding.CosineIndex;
import dev.loupe.engine.embedding.Neighbour;
import dev.loupe.engine.features.ExtractionPipeline;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.Sample;
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

/** {@code loupe similar DATASET IMAGE}: the dataset's images most like IMAGE, by cosine similarity of features. */
@Command(name = "similar", mixinStandardHelpOptions = true,
        description = "List the dataset images most similar to an image, by feature similarity.")
final class SimilarCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "DATASET", description = "Folder with one sub-folder of images per class.")
    Path dataset;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "The image to compare.")
    Path image;

    @Option(names = "--k", description = "How many images to list (default: ${DEFAULT-VALUE}).", defaultValue = "8")
    int k;

    @Mixin BackboneOption backbone;

    @Override
    public Integer call() throws Exception {
        OptionValues.atLeast(spec, "--k", k, 1);
        var descriptor = Engine.backbones().require(backbone.id);
        Path query = image.toAbsolutePath().normalize();
        List<Map<String, Object>> rows = Jobs.run(common, System.err, m -> {
            DatasetSnapshot snapshot = new DatasetScanner().scan(dataset);
            FeatureSet set;
            try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
                set = new FeatureService(Engine.extractors(common)).features(snapshot, catalogue, descriptor, m);
            }
            float[][] vector = new float[1][];
            String[] problem = new String[1];
            try (FeatureExtractor extractor = Engine.extractors(common).open(descriptor)) {
                ExtractionPipeline.run(List.of(query), extractor, m, new ExtractionPipeline.Sink() {
                    @Override public void features(int index, float[] v) { vector[0] = v; }
                    @Override public void failed(int index, String reason) { problem[0] = reason; }
                });
            }
            if (vector[0] == null) {
                throw new IllegalArgumentException("Could not read " + image + ": " + problem[0]);
            }
            List<Sample> samples = set.samples();
            // One query, then the command exits: a scan is always cheaper than building a graph index first.
            CosineIndex index = new CosineIndex(samples.stream().map(Sample::features).toArray(float[][]::new));
            int self = indexOf(samples, query);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Neighbour n : index.nearest(vector[0], k, self)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("similarity", n.similarity());
                row.put("label", samples.get(n.index()).image().label());
                row.put("path", samples.get(n.index()).image().file().toString());
                out.add(row);
            }
            return out;
        });
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, rows);
            return ExitCodes.OK;
        }
        for (Map<String, Object> row : rows) {
            out.printf(Locale.ROOT, "%.3f  %-12s %s%n", (Float) row.get("similarity"),
                    TerminalText.safe(row.get("label")), TerminalText.safe(row.get("path")));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The image itself, when it is part of the dataset, is not a neighbour worth listing. */
    private static int indexOf(List<Sample> samples, Path file) {
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).image().file().toAbsolutePath().normalize().equals(file)) {
                return i;
            }
        }
        return -1;
    }
}
