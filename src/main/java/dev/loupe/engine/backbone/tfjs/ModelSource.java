package dev.loupe.engine.backbone.tfjs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the files of a model (model.json, shards, metadata.json) are read from: a folder or bundled resources. A
 * model's folder is untrusted input: the names its model.json gives are resolved inside that folder only.
 */
public interface ModelSource {

    /** Opens the file with this name, relative to the model's folder. */
    InputStream open(String name) throws IOException;

    /** The file's size in bytes, checked before it is read; -1 where unknown (resources that ship with Loupe). */
    default long size(String name) throws IOException {
        return -1;
    }

    static ModelSource directory(Path folder) {
        return new ModelSource() {
            @Override
            public InputStream open(String name) throws IOException {
                return Files.newInputStream(file(folder, name));
            }

            @Override
            public long size(String name) throws IOException {
                return Files.size(file(folder, name));
            }
        };
    }

    /**
     * {@code name} inside {@code folder}, refused when it leads out of it ({@code /etc/passwd}, {@code ../..}, a link
     * pointing out) or is no regular file (a folder, a FIFO, a device): the message names neither that file's size
     * nor its content.
     */
    private static Path file(Path folder, String name) throws IOException {
        Path base = folder.toAbsolutePath().normalize();
        Path file = base.resolve(name).normalize();
        if (name.isBlank() || !file.startsWith(base) || file.equals(base)) {
            throw new IOException("model.json names the file '" + name + "', which is outside the model's folder: "
                    + "the model is damaged or made to read other files, so Loupe does not read it");
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "file of the TF.js model is missing");
        }
        Path real = file.toRealPath();
        if (!real.startsWith(base.toRealPath())) {
            throw new IOException("the model's file '" + name + "' is a link to a file outside the model's folder, so "
                    + "Loupe does not read it");
        }
        if (!Files.isRegularFile(real)) {
            throw new IOException("the model's file '" + name + "' is not a regular file (a folder, a pipe or a "
                    + "device), so Loupe does not read it");
        }
        return real;
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
