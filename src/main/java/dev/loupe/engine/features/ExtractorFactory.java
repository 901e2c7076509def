package dev.loupe.engine.features;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.finetune.BackbonePatch;
import dev.loupe.engine.onnx.ExportedBackbones;
import dev.loupe.engine.onnx.OnnxExportException;
import dev.loupe.engine.util.AppDirs;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/** Opens a feature extractor for a backbone on one runtime. Opening loads weights: call it only when needed. */
@FunctionalInterface
public interface ExtractorFactory {

    FeatureExtractor open(BackboneDescriptor backbone) throws BackboneException;

    /**
     * As {@link #open(BackboneDescriptor)} with a fine-tuned model's parameters in place of the backbone's own
     * ({@code patch}; null: the backbone as installed). A patch that does not fit the installed backbone is refused,
     * naming the layer. The runtimes below run it; a factory made of a lambda runs only the stock backbone.
     */
    default FeatureExtractor open(BackboneDescriptor backbone, BackbonePatch patch) throws BackboneException {
        if (patch == null) {
            return open(backbone);
        }
        throw new BackboneException("This runtime cannot run the fine-tuned backbone of " + backbone.id());
    }

    /**
     * A fine-tuned backbone ({@code patch}, not null) and the backbone as installed at once: each vector is the
     * fine-tuned features, then the stock ones (twice {@code featureDim}), so a fine-tuned model's labels and the
     * catalogue's features of a photo (the map, similar images) come from one reading of it. This default runs the
     * two networks one after the other; on ONNX Runtime one graph runs their shared bottom once.
     */
    default FeatureExtractor openWithStock(BackboneDescriptor backbone, BackbonePatch patch)
            throws BackboneException {
        FeatureExtractor tuned = open(backbone, patch);
        try {
            return new TunedAndStock(tuned, open(backbone));
        } catch (BackboneException | RuntimeException e) {
            tuned.close();
            throw e;
        }
    }

    /** A factory that opens stock and fine-tuned backbones alike. */
    @FunctionalInterface
    interface Patchable {
        FeatureExtractor open(BackboneDescriptor backbone, BackbonePatch patch) throws BackboneException;
    }

    /** A factory of {@code opener}, and of {@code withStock} for {@link #openWithStock} (null: the default). */
    private static ExtractorFactory of(Patchable opener, Patchable withStock) {
        return new ExtractorFactory() {
            @Override
            public FeatureExtractor open(BackboneDescriptor backbone) throws BackboneException {
                return opener.open(backbone, null);
            }

            @Override
            public FeatureExtractor open(BackboneDescriptor backbone, BackbonePatch patch) throws BackboneException {
                return opener.open(backbone, patch);
            }

            @Override
            public FeatureExtractor openWithStock(BackboneDescriptor backbone, BackbonePatch patch)
                    throws BackboneException {
                return withStock == null ? ExtractorFactory.super.openWithStock(backbone, patch)
                        : withStock.open(backbone, patch);
            }
        };
    }

    /**
     * What Loupe uses unless told otherwise: ONNX Runtime, falling back to DL4J for a backbone with a layer the ONNX
     * exporter does not cover yet (it names the layer in the log), so every backbone in the registry still works.
     */
    static ExtractorFactory standard() {
        return standard(Device.CPU);
    }

    /** As above with ONNX Runtime on {@code device} (CUDA falls back to the CPU, saying why). */
    static ExtractorFactory standard(Device device) {
        ExtractorFactory onnx = onnx(AppDirs.userCache().resolve("onnx"), device);
        ExtractorFactory dl4j = dl4j();
        return of((d, patch) -> onnxOrDl4j(onnx::open, dl4j::open, d, patch),
                (d, patch) -> onnxOrDl4j(onnx::openWithStock, dl4j::openWithStock, d, patch));
    }

    private static FeatureExtractor onnxOrDl4j(Patchable onnx, Patchable dl4j, BackboneDescriptor d,
                                               BackbonePatch patch) throws BackboneException {
        try {
            return onnx.open(d, patch);
        } catch (BackboneException e) {
            if (!(e.getCause() instanceof OnnxExportException)) {
                throw e;
            }
            LoggerFactory.getLogger(ExtractorFactory.class)
                    .warn("{} runs on DL4J, which is much slower: {}", d.id(), e.getMessage());
            return dl4j.open(d, patch);
        }
    }

    /** The DL4J runtime, the reference implementation. */
    static ExtractorFactory dl4j() {
        return of((d, patch) -> {
            Backbone backbone = BackboneLoader.load(d);
            if (patch != null) {
                try {
                    patch.applyTo(backbone.graph());
                } catch (BackboneException e) {
                    backbone.graph().close();
                    throw e;
                }
            }
            return new Dl4jFeatureExtractor(backbone);
        }, null);
    }

    /** ONNX Runtime, the default: backbones exported once and cached under the user cache folder. */
    static ExtractorFactory onnx() {
        return onnx(AppDirs.userCache().resolve("onnx"));
    }

    /** ONNX Runtime with exports cached in {@code cacheDir}. A cached file ONNX Runtime rejects is exported again. */
    static ExtractorFactory onnx(Path cacheDir) {
        return onnx(cacheDir, Device.CPU);
    }

    /** As above on {@code device}. */
    static ExtractorFactory onnx(Path cacheDir, Device device) {
        ExportedBackbones exports = new ExportedBackbones(cacheDir);
        int cores = Runtime.getRuntime().availableProcessors();
        return of((d, patch) -> ort(exports, d, patch, false, cores, device),
                (d, patch) -> ort(exports, d, patch, true, cores, device));
    }

    /**
     * The export of {@code d} ({@code withStock}: fine-tuned beside stock, {@link ExportedBackbones#loadWithStock})
     * opened in ONNX Runtime. A fine-tuned backbone is exported once per patch and cached under its own name.
     */
    private static FeatureExtractor ort(ExportedBackbones exports, BackboneDescriptor d, BackbonePatch patch,
                                        boolean withStock, int cores, Device device) throws BackboneException {
        ExportedBackbones.Variant variant = patch == null ? null
                : new ExportedBackbones.Variant(patch.hash(), patch.params().keySet(), patch::applyTo);
        byte[] model = withStock ? exports.loadWithStock(d, variant) : exports.load(d, variant);
        try {
            return OrtFeatureExtractor.open(d, model, cores, device);
        } catch (BackboneException e) {
            LoggerFactory.getLogger(ExtractorFactory.class)
                    .warn("Cached ONNX export of {} failed to open ({}); exporting again", d.id(), e.getMessage());
            return OrtFeatureExtractor.open(d, withStock ? exports.exportWithStock(d, variant)
                    : exports.export(d, variant), cores, device);
        }
    }
}
