package dev.loupe.engine.backbone.importer;

import dev.loupe.engine.backbone.BackboneException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the user pointed at, and the files to copy: one Keras H5 (model and weights), a Keras JSON with its weights
 * H5, or a TF.js folder (model.json with its weight files and, from Teachable Machine, metadata.json).
 *
 * @param format {@code keras-h5}, {@code keras-json-h5} or {@code tfjs-layers}, as in backbone.json
 * @param files  the files to copy, in the order backbone.json lists them (names are kept)
 */
record ImportSource(String format, List<Path> files, String stem) {

    /**
     * True for a Teachable Machine export: a TF.js folder whose metadata.json names Teachable Machine, or its Keras
     * export (keras_model.h5 beside labels.txt). Its models were trained on what Teachable Machine's library feeds.
     */
    boolean teachableMachine() {
        Path first = files.get(0);
        Path folder = first.toAbsolutePath().getParent();
        if (format.equals("tfjs-layers")) {
            try {
                var meta = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                        folder.resolve("metadata.json").toFile());
                return meta.has("tmVersion") || meta.path("packageName").asText().startsWith("@teachablemachine");
            } catch (IOException e) {
                return false;
            }
        }
        return format.equals("keras-h5") && first.getFileName().toString().equals("keras_model.h5")
                && Files.isRegularFile(folder.resolve("labels.txt"));
    }

    static ImportSource of(Path model, Path weights) throws BackboneException, IOException {
        if (!Files.exists(model)) {
            throw new java.nio.file.NoSuchFileException(model.toString(), null, "nothing to import");
        }
        Path tfjs = Files.isDirectory(model) ? model.resolve("model.json")
                : model.getFileName().toString().equals("model.json") ? model : null;
        if (tfjs != null && Files.isRegularFile(tfjs) && weights == null) {
            return tfjs(tfjs.toAbsolutePath().normalize().getParent());
        }
        String name = model.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        if (lower.endsWith(".json")) {
            if (weights == null) {
                throw new BackboneException(model + " holds only the structure: give its weights too, "
                        + "with --weights FILE.h5");
            }
            requireHdf5(weights);
            return new ImportSource("keras-json-h5", List.of(model, weights), stem);
        }
        if (lower.endsWith(".h5") || lower.endsWith(".hdf5") || lower.endsWith(".keras")) {
            requireHdf5(model);
            return weights == null ? new ImportSource("keras-h5", List.of(model), stem)
                    : new ImportSource("keras-json-h5", List.of(model, weights), stem);
        }
        throw new BackboneException(model + " is not a model Loupe can import: give a Keras .h5 file, a Keras .json "
                + "with --weights FILE.h5, or a TF.js / Teachable Machine folder holding model.json");
    }

    /** HDF5's signature, at the start of the file (Keras writes no user block). */
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private static void requireHdf5(Path file) throws IOException, BackboneException {
        byte[] head = new byte[8];
        try (var in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 8);
            if (n >= 2 && head[0] == 'P' && head[1] == 'K') {
                throw new BackboneException(file + " is a Keras 3 '.keras' archive (a zip), which Loupe cannot read: "
                        + "save the model as HDF5 (model.save('model.h5')) and import that");
            }
            if (n < 8 || !java.util.Arrays.equals(head, HDF5)) {
                throw new BackboneException(file + " is not an HDF5 file, so not a Keras .h5 model: give the file "
                        + "Keras wrote with model.save('model.h5') or save_weights");
            }
        }
    }

    /**
     * model.json, the weight files its manifest names (each inside the folder) and metadata.json if there is one:
     * nothing else of the folder the model sits in.
     */
    private static ImportSource tfjs(Path folder) throws IOException, BackboneException {
        Path modelJson = folder.resolve("model.json");
        List<Path> files = new ArrayList<>(List.of(modelJson));
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(modelJson.toFile());
        for (var group : root.path("weightsManifest")) {
            for (var p : group.path("paths")) {
                Path shard = folder.resolve(p.asText()).normalize();
                if (!shard.startsWith(folder) || !Files.isRegularFile(shard)) {
                    throw new BackboneException("Cannot import " + folder + ": model.json names the weight file '"
                            + p.asText() + "', which is not a file in its folder");
                }
                if (!files.contains(shard)) {
                    files.add(shard);
                }
            }
        }
        if (Files.isRegularFile(folder.resolve("metadata.json"))) {
            files.add(folder.resolve("metadata.json"));
        }
        Path name = folder.getFileName();
        return new ImportSource("tfjs-layers", files, name == null ? "tfjs-model" : name.toString());
    }
}
