package dev.loupe.engine.backbone.importer;

import dev.loupe.engine.backbone.BackboneException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the user pointed at, and the files to copy: one Keras H5 (model and weights), a Keras JSON with its weights
 * H5, or a TF.js folder (model.json with its weight files and, from Teachable Machine, metadata.json).
 *
 * @param format {@code keras-h5}, {@code keras-json-h5} or {@code tfjs-layers}, as in backbone.json
 * @param files  the files to copy, in the order backbone.json lists them (names are kept)
 */
record ImportSource(String format, List<Path> files, String stem) {

    static ImportSource of(Path model, Path weights) throws BackboneException, IOException {
        if (!Files.exists(model)) {
            throw new java.nio.file.NoSuchFileException(model.toString(), null, "nothing to import");
        }
        Path tfjs = Files.isDirectory(model) ? model.resolve("model.json")
                : model.getFileName().toString().equals("model.json") ? model : null;
        if (tfjs != null && Files.isRegularFile(tfjs)) {
            return tfjs(tfjs.toAbsolutePath().getParent());
        }
        String name = model.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        if (lower.endsWith(".json")) {
            if (weights == null) {
                throw new BackboneException(model + " holds only the structure: give its weights too, "
                        + "with --weights FILE.h5");
            }
            return new ImportSource("keras-json-h5", List.of(model, weights), stem);
        }
        if (lower.endsWith(".h5") || lower.endsWith(".hdf5") || lower.endsWith(".keras")) {
            return weights == null ? new ImportSource("keras-h5", List.of(model), stem)
                    : new ImportSource("keras-json-h5", List.of(model, weights), stem);
        }
        throw new BackboneException(model + " is not a model Loupe can import: give a Keras .h5 file, a Keras .json "
                + "with --weights FILE.h5, or a TF.js / Teachable Machine folder holding model.json");
    }

    private static ImportSource tfjs(Path folder) throws IOException {
        List<Path> files = new ArrayList<>(List.of(folder.resolve("model.json")));
        try (Stream<Path> all = Files.list(folder)) {
            // model.json names its weight files (weights.bin, group1-shard1of1, ...); copy everything beside it.
            all.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("model.json"))
                    .sorted().forEach(files::add);
        }
        Path name = folder.getFileName();
        return new ImportSource("tfjs-layers", files, name == null ? "tfjs-model" : name.toString());
    }
}
