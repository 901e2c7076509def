package dev.loupe.engine.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loupe.engine.finetune.BackbonePatch;
import dev.loupe.engine.finetune.PatchBytes;
import dev.loupe.engine.training.FeatureScaler;
import dev.loupe.engine.util.AtomicFiles;
import dev.loupe.engine.util.Natives;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Saves and loads {@code *.loupe} bundles. */
public final class ModelFiles {

    static final String MANIFEST = "manifest.json";
    static final String HEAD = "head.zip";
    static final String SCALER = "scaler.json";
    /** The fine-tuned backbone's parameters ({@link PatchBytes}), in format 2 only. */
    static final String PATCH = "backbone-patch.bin";
    private static final long MAX_MANIFEST = 4L << 20;
    /**
     * A head is a layer or two over at most a few thousand features (a 4096-wide hidden layer on 4096 features is
     * 64 MB of weights): far below this, packed or once its own zip is unpacked.
     */
    private static final long MAX_HEAD = 256L << 20;
    private static final long MAX_HEAD_UNPACKED = 256L << 20;
    /** The last two blocks of the widest MobileNet are about 7 MB of floats; a whole backbone's top stays far below. */
    private static final long MAX_PATCH = 256L << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ModelFiles() {
    }

    /** Writes the bundle to a temporary file and moves it into place. */
    public static void save(ModelBundle bundle, Path target) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ModelSerializer.writeModel(bundle.head(), head, false);
        byte[] manifest = JSON.writeValueAsBytes(bundle.manifest().withFormatVersion(bundle.formatVersion()));
        byte[] scaler = JSON.writeValueAsBytes(bundle.scaler());
        byte[] patch = bundle.patch() == null ? null : PatchBytes.write(bundle.patch());
        AtomicFiles.write(target, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(manifest);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(SCALER));
            zip.write(scaler);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(HEAD));
            head.writeTo(zip);
            zip.closeEntry();
            if (patch != null) {
                zip.putNextEntry(new ZipEntry(PATCH));
                zip.write(patch);
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Reads only the manifest: fast, loads no network. */
    public static ModelManifest readManifest(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            return manifest(zip, file);
        }
    }

    public static ModelBundle load(Path file) throws IOException {
        Natives.configure();
        try (ZipFile zip = open(file)) {
            ModelManifest manifest = manifest(zip, file);
            FeatureScaler scaler;
            try {
                scaler = JSON.readValue(read(zip, SCALER, MAX_MANIFEST, file), FeatureScaler.class);
            } catch (ModelFormatException e) {
                throw e;
            } catch (IOException e) {
                throw damaged(file, "its feature scaling is unreadable", e);
            }
            byte[] head = read(zip, HEAD, MAX_HEAD, file);
            HeadArchive.check(head, MAX_HEAD_UNPACKED, file);
            BackbonePatch patch = patch(zip, manifest, file);
            ModelBundle bundle;
            try {
                bundle = new ModelBundle(manifest, scaler,
                        ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(head), false), patch);
            } catch (IOException | RuntimeException e) {
                throw damaged(file, "its network could not be read (" + e.getMessage() + ")", e);
            }
            BundleParts.check(bundle, file);
            return bundle;
        }
    }

    /** The fine-tuned backbone a format-2 bundle must hold, and a format-1 bundle must not. */
    private static BackbonePatch patch(ZipFile zip, ModelManifest manifest, Path file) throws IOException {
        if (manifest.formatVersion() < ModelBundle.FORMAT_VERSION) {
            if (zip.getEntry(PATCH) != null) {
                throw damaged(file, "it holds a fine-tuned backbone but says it is format "
                        + manifest.formatVersion(), null);
            }
            return null;
        }
        try {
            return PatchBytes.read(read(zip, PATCH, MAX_PATCH, file));
        } catch (PatchBytes.NewerFormat e) {
            throw newer(file, "fine-tuned backbone format " + e.version() + "; this Loupe reads up to "
                    + PatchBytes.VERSION, e);
        } catch (IllegalArgumentException e) {
            throw damaged(file, e.getMessage(), e);
        }
    }

    private static ZipFile open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such model file");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (IOException e) {
            throw damaged(file, "it is not a zip archive or it is truncated", e);
        }
    }

    private static ModelManifest manifest(ZipFile zip, Path file) throws IOException {
        byte[] bytes = read(zip, MANIFEST, MAX_MANIFEST, file);
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw damaged(file, "its manifest is unreadable", e);
        }
        if (node == null || !ModelManifest.KIND.equals(node.path("kind").asText())) {
            throw new ModelFormatException(file + " is not a Loupe model (no Loupe manifest inside).");
        }
        int version = node.path("formatVersion").asInt(-1);
        if (version > ModelBundle.FORMAT_VERSION) {
            throw newer(file, "model format " + version + "; this Loupe reads up to " + ModelBundle.FORMAT_VERSION,
                    null);
        }
        if (version < 1) {
            throw damaged(file, "its format version is missing", null);
        }
        try {
            return JSON.treeToValue(node, ModelManifest.class);
        } catch (IOException e) {
            throw damaged(file, "its manifest is invalid (" + e.getMessage() + ")", e);
        }
    }

    /**
     * An entry's bytes, read up to {@code maxSize}: the size the zip declares is checked first, and the bytes actually
     * inflated again, since a crafted header can declare a few bytes for gigabytes.
     */
    private static byte[] read(ZipFile zip, String name, long maxSize, Path file) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw damaged(file, "it has no " + name, null);
        }
        if (e.getSize() > maxSize) {
            throw damaged(file, name + " is implausibly large (" + e.getSize() + " bytes)", null);
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
            bytes = in.readNBytes((int) maxSize + 1);
        } catch (IOException ex) {
            throw damaged(file, name + " is unreadable (" + ex.getMessage() + ")", ex);
        }
        if (bytes.length > maxSize) {
            throw damaged(file, name + " is implausibly large (more than " + maxSize + " bytes once unpacked, "
                    + "whatever its header says)", null);
        }
        // ZipFile does not check a deflated entry's CRC-32: a changed byte that still inflates would be read as
        // other weights (the fine-tuned backbone's floats then give other answers, silently).
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
            throw damaged(file, name + " does not match its checksum (a byte was changed)", null);
        }
        return bytes;
    }

    private static ModelFormatException newer(Path file, String formats, Throwable cause) {
        return new ModelFormatException(file + " was saved by a newer Loupe (" + formats + "). Update Loupe to open "
                + "it.", cause);
    }

    private static ModelFormatException damaged(Path file, String why, Throwable cause) {
        return new ModelFormatException(file + " is damaged: " + why + ". Train the model again or use another copy.",
                cause);
    }
}
