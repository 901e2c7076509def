package dev.loupe.engine.backbone.importer;

import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.tfjs.ModelSource;
import dev.loupe.engine.backbone.tfjs.TfjsImporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the user pointed at, and the files to copy: one Keras H5 (model and weights), a Keras JSON with its weights
 * H5, or a TF.js folder (model.json, the weight files it names and, from Teachable Machine, metadata.json).
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
        if (weights != null) {
            Hdf5Signature.require(weights);
        }
        if (lower.endsWith(".json")) {
            if (weights == null) {
                throw new BackboneException(model + " holds only the structure: give its weights too, "
                        + "with --weights FILE.h5");
            }
            return new ImportSource("keras-json-h5", List.of(model, weights), stem);
        }
        if (lower.endsWith(".h5") || lower.endsWith(".hdf5") || lower.endsWith(".keras")) {
            Hdf5Signature.require(model);
            return weights == null ? new ImportSource("keras-h5", List.of(model), stem)
                    : new ImportSource("keras-json-h5", List.of(model, weights), stem);
        }
        throw new BackboneException(model + " is not a model Loupe can import: give a Keras .h5 file, a Keras .json "
                + "with --weights FILE.h5, or a TF.js / Teachable Machine folder holding model.json");
    }

    /**
     * model.json, metadata.json when there is one, and the weight files model.json names: each checked to lie inside
     * the folder as a regular file, and the weights' sizes against model.json, before anything is copied.
     */
    private static ImportSource tfjs(Path folder) throws BackboneException, IOException {
        ModelSource source = ModelSource.directory(folder);
        List<Path> files = new ArrayList<>(List.of(folder.resolve("model.json")));
        try {
            for (String shard : TfjsImporter.weightFiles(source)) {
                files.add(folder.resolve(shard));
            }
            if (Files.exists(folder.resolve("metadata.json"))) {
                source.size("metadata.json");
                files.add(folder.resolve("metadata.json"));
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new BackboneException("Cannot import " + folder + ": " + e.getMessage(), e);
        }
        Path name = folder.getFileName();
        return new ImportSource("tfjs-layers", files, name == null ? "tfjs-model" : name.toString());
    }
}
