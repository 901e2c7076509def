package dev.loupe.engine.onnx;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.util.AppInfo;
import dev.loupe.engine.util.AtomicFiles;
import dev.loupe.engine.util.Hashes;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Backbones exported to ONNX, cached on disk: the first use loads the backbone with DL4J (seconds) and exports it;
 * later runs read the {@code .onnx} file and never touch DL4J. The file name carries the backbone id, its
 * preprocessing version and a hash of its descriptor, the app version and the exporter version, so a new release,
 * new weights (their recorded size and parameter count) or a changed exporter each get a fresh export.
 */
public final class ExportedBackbones {

    private static final Logger LOG = LoggerFactory.getLogger(ExportedBackbones.class);

    private final Path dir;

    /** @param dir the cache folder, normally {@code AppDirs.userCache()/onnx} */
    public ExportedBackbones(Path dir) {
        this.dir = dir;
    }

    /** A change made to the loaded backbone before it is exported: a fine-tuned model's own parameters. */
    @FunctionalInterface
    public interface Edit {
        void apply(ComputationGraph graph) throws BackboneException;
    }

    /**
     * An export of the backbone as {@code edit} changes it, cached under its own name: {@code key} (e.g. a hash of
     * the new parameters) joins the descriptor in the file name, so each fine-tuned model gets its own file.
     * {@code layers} names the layers whose parameters {@code edit} changes.
     */
    public record Variant(String key, Set<String> layers, Edit edit) {
    }

    public Path file(BackboneDescriptor d) {
        return file(d, null, false);
    }

    private Path file(BackboneDescriptor d, Variant variant, boolean withStock) {
        String key = Hashes.sha256(d + "|" + AppInfo.version() + "|" + OnnxExporter.VERSION
                + (variant == null ? "" : "|" + variant.key())).substring(0, 16);
        return dir.resolve(d.id() + "-" + d.input().preprocessingVersion() + "-" + key
                + (variant == null ? "" : "-tuned") + (withStock ? "-stock" : "") + ".onnx");
    }

    /** The exported model's bytes, from the cache or exported now (and cached). */
    public byte[] load(BackboneDescriptor d) throws BackboneException {
        return load(d, null);
    }

    /** As above for the backbone as {@code variant} changes it (null: as installed). */
    public byte[] load(BackboneDescriptor d, Variant variant) throws BackboneException {
        return load(d, variant, false);
    }

    /**
     * As above, the backbone as installed and as {@code variant} changes it in one graph sharing their unchanged
     * bottom ({@link OnnxExporter#withStock}), cached in a file of its own.
     */
    public byte[] loadWithStock(BackboneDescriptor d, Variant variant) throws BackboneException {
        return load(d, Objects.requireNonNull(variant, "the fine-tuned variant"), true);
    }

    private byte[] load(BackboneDescriptor d, Variant variant, boolean withStock) throws BackboneException {
        Path file = file(d, variant, withStock);
        if (Files.isRegularFile(file)) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                LOG.warn("Could not read the cached ONNX export {} ({}); exporting again", file, e.toString());
            }
        }
        return export(d, variant, withStock);
    }

    /** Exports again, replacing a cached file that could not be read or run. */
    public byte[] export(BackboneDescriptor d) throws BackboneException {
        return export(d, null);
    }

    /** As above for the backbone as {@code variant} changes it (null: as installed). */
    public byte[] export(BackboneDescriptor d, Variant variant) throws BackboneException {
        return export(d, variant, false);
    }

    /** As {@link #loadWithStock}, exported again. */
    public byte[] exportWithStock(BackboneDescriptor d, Variant variant) throws BackboneException {
        return export(d, variant, true);
    }

    private byte[] export(BackboneDescriptor d, Variant variant, boolean withStock) throws BackboneException {
        long start = System.nanoTime();
        Backbone backbone = BackboneLoader.load(d);
        byte[] bytes;
        try {
            if (withStock) {
                bytes = OnnxExporter.withStock(backbone.graph(), backbone.inputSpec(), d.id(), d.featureDim(),
                        variant.layers(), variant.edit());
            } else {
                if (variant != null) {
                    variant.edit().apply(backbone.graph());
                }
                bytes = OnnxExporter.backbone(backbone.graph(), backbone.inputSpec(), d.id(), d.featureDim())
                        .toByteArray();
            }
        } catch (OnnxExportException e) {
            throw new BackboneException("Backbone " + d.id() + " cannot run on ONNX Runtime: " + e.getMessage(), e);
        } finally {
            backbone.graph().close();
        }
        Path file = file(d, variant, withStock);
        try {
            AtomicFiles.write(file, out -> out.write(bytes));
        } catch (IOException e) {
            // Still usable this run; the next run exports again.
            LOG.warn("Could not cache the ONNX export of {} at {}: {}", d.id(), file, e.toString());
        }
        LOG.info("Exported backbone {} to ONNX in {} ms", d.id(), (System.nanoTime() - start) / 1_000_000);
        return bytes;
    }
}
