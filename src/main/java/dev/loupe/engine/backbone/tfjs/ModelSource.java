package dev.loupe.engine.backbone.tfjs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where the files of a model (model.json, shards, metadata.json) are read from: a folder or bundled resources. */
@FunctionalInterface
public interface ModelSource {

    /** Opens the file with this name, relative to the model's folder. */
    InputStream open(String name) throws IOException;

    static ModelSource directory(Path folder) {
        return name -> {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "file of the TF.js model is missing");
            }
            return Files.newInputStream(file);
        };
    }

    /** Resources under {@code root} (e.g. {@code /loupe/backbones/mobilenet-v1-0.75/}). */
    static ModelSource resources(Class<?> anchor, String root) {
        String prefix = root.endsWith("/") ? root : root + "/";
        return name -> {
            InputStream in = anchor.getResourceAsStream(prefix + name);
            if (in == null) {
                throw new NoSuchFileException(prefix + name, null, "missing resource");
            }
            return in;
        };
    }
}
