package dev.loupe.cli;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.embedding.DatasetMap;
import dev.loupe.engine.embedding.EmbeddingService;
import dev.loupe.engine.embedding.TsneConfig;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.util.AtomicFiles;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code loupe embed DATASET}: a 2-D t-SNE map of the dataset's features, as x, y, label, path. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Lay out a dataset's images in 2-D by t-SNE of their features (x, y, label, path).")
final class EmbedCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "DATASET", description = "Folder with one sub-folder of images per class.")
    Path dataset;

    @Mixin BackboneOption backbone;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the points as CSV to FILE.")
    Path output;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (output != null) {
            OutputGuard.check(output, List.of(), dataset);
        }
        var descriptor = Engine.backbones().require(backbone.id);
        DatasetMap map = Jobs.run(common, System.err, m -> {
            DatasetSnapshot snapshot = new DatasetScanner().scan(dataset);
            try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
                return new EmbeddingService(new FeatureService(Engine.extractors(common)))
                        .map(snapshot, catalogue, descriptor, TsneConfig.defaults().withSeed(seed), m);
            }
        });
        String csv = csv(map);
        if (output != null) {
            AtomicFiles.writeString(output, csv);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, rows(map));
        } else if (output == null) {
            out.print(csv);
        } else {
            out.printf("%d points written to %s%n", map.size(), output);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static String csv(DatasetMap map) {
        StringBuilder sb = new StringBuilder("x,y,label,path\n");
        for (int i = 0; i < map.size(); i++) {
            Sample s = map.samples().get(i);
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,", map.layout().x()[i], map.layout().y()[i]))
                    .append(quote(s.image().label())).append(',').append(quote(s.image().file().toString()))
                    .append('\n');
        }
        return sb.toString();
    }

    private static List<Map<String, Object>> rows(DatasetMap map) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("x", map.layout().x()[i]);
            row.put("y", map.layout().y()[i]);
            row.put("label", map.samples().get(i).image().label());
            row.put("path", map.samples().get(i).image().file().toString());
            rows.add(row);
        }
        return rows;
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
