package dev.loupe.engine.finetune;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The cut maps a fine-tuning run needs, taken in the same backbone run as the photos' features
 * ({@link BackboneTop#withCutOnnx}) when those are not cached yet: the features' pass then costs what it always did and
 * the run needs no second pass up to the cut (on 60,000 photos that pass cost nearly as much as the features).
 *
 * <p>The maps go, in the order the photos were extracted, to one temporary file per role the split will give each photo
 * (training or validation, by its content hash). {@link FineTuner} then takes them as {@link CutCache}'s files: moved
 * into place when the run needs exactly those photos in that order (a first run on a folder), else copied record by
 * record in the order it needs (a photo twice in the folder, a class's only photo moved to training). A run whose
 * photos the pass does not all hold (augmented variants, features partly cached) runs the bottom part as before.
 * {@link #close} deletes whatever was not handed over, so a cancelled or failed run leaves no file behind.
 */
public final class CutPass implements AutoCloseable {

    private final BackboneTop top;
    private final Path folder;
    private final Predicate<String> isValidation;
    private final String id = UUID.randomUUID().toString();
    private final Map<String, Part> parts = new LinkedHashMap<>();

    /** One role's maps: the file being written (then written), the photos' hashes in record order. */
    private static final class Part {
        final Path file;
        final CutActivations.Writer writer;
        final List<String> hashes = new ArrayList<>();
        boolean committed;

        Part(Path file, CutActivations.Shape shape) throws IOException {
            this.file = file;
            this.writer = new CutActivations.Writer(file, shape);
        }
    }

    /**
     * @param folder       where the run's cut maps are kept (the dataset's {@code .loupe/finetune})
     * @param isValidation whether the split will hold a photo (by content hash) out for validation
     */
    public CutPass(BackboneTop top, Path folder, Predicate<String> isValidation) {
        this.top = top;
        this.folder = folder;
        this.isValidation = isValidation;
    }

    /** The network to run instead of the backbone alone: features and cut maps ({@link BackboneTop#withCutOnnx}). */
    public byte[] onnx() {
        return top.withCutOnnx();
    }

    /** Records photo {@code hash}'s maps, {@code values} from {@code offset} on; each photo once, in pass order. */
    public void add(String hash, float[] values, int offset) throws IOException {
        if (values.length - offset != top.shape().values()) {
            throw new IllegalArgumentException(values.length - offset + " values for maps of " + top.shape());
        }
        String role = isValidation.test(hash) ? "validation" : "train";
        Part part = parts.get(role);
        if (part == null) {
            Files.createDirectories(folder);
            part = new Part(folder.resolve("pass-" + id + "-" + role + ".bin"), top.shape());
            parts.put(role, part);
        }
        part.writer.append(values, offset, 1);
        part.hashes.add(hash);
    }

    /** Ends the pass: the maps become readable. Without it, {@link #close} drops them. */
    public void finish() throws IOException {
        for (Part part : parts.values()) {
            part.writer.commit();
            part.committed = true;
        }
    }

    /**
     * Puts the maps of {@code keys}, in that order, at {@code target}: the role's file itself when it holds exactly
     * those, else a copy of the records; false, writing nothing, when the finished pass does not hold them all.
     */
    boolean handOver(String role, List<String> keys, Path target) throws IOException {
        Part own = parts.get(role);
        if (own != null && own.committed && own.hashes.equals(keys)) {
            Files.move(own.file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            parts.remove(role);
            return true;
        }
        Map<String, int[]> where = new HashMap<>(); // hash -> {part, record}
        List<Part> held = parts.values().stream().filter(p -> p.committed).toList();
        for (int p = 0; p < held.size(); p++) {
            for (int r = 0; r < held.get(p).hashes.size(); r++) {
                where.putIfAbsent(held.get(p).hashes.get(r), new int[] {p, r});
            }
        }
        if (keys.isEmpty() || !where.keySet().containsAll(keys)) {
            return false;
        }
        copy(held, where, keys, target);
        return true;
    }

    private void copy(List<Part> held, Map<String, int[]> where, List<String> keys, Path target) throws IOException {
        List<CutActivations.Reader> readers = new ArrayList<>();
        try (CutActivations.Writer out = new CutActivations.Writer(target, top.shape())) {
            for (Part p : held) {
                readers.add(new CutActivations.Reader(p.file));
            }
            ByteBuffer record = ByteBuffer.allocate(top.shape().values());
            for (String key : keys) {
                int[] at = where.get(key);
                readers.get(at[0]).readRaw(at[1], record);
                out.appendRaw(record, 1);
            }
            out.commit();
        } finally {
            for (CutActivations.Reader r : readers) {
                r.close();
            }
        }
    }

    /** Deletes the maps not handed over, written or half-written. */
    @Override
    public void close() throws IOException {
        for (Part part : parts.values()) {
            part.writer.close();
            Files.deleteIfExists(part.file);
        }
        parts.clear();
    }
}
