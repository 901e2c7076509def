package dev.loupe.engine.features;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
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
        return d -> {
            try {
                return onnx.open(d);
            } catch (BackboneException e) {
                if (!(e.getCause() instanceof OnnxExportException)) {
                    throw e;
                }
                LoggerFactory.getLogger(ExtractorFactory.class)
                        .warn("{} runs on DL4J, which is much slower: {}", d.id(), e.getMessage());
                return dl4j.open(d);
            }
        };
    }

    /** The DL4J runtime, the reference implementation. */
    static ExtractorFactory dl4j() {
        return d -> new Dl4jFeatureExtractor(BackboneLoader.load(d));
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
        return d -> {
            byte[] model = exports.load(d);
            try {
                return OrtFeatureExtractor.open(d, model, cores, device);
            } catch (BackboneException e) {
                LoggerFactory.getLogger(ExtractorFactory.class)
                        .warn("Cached ONNX export of {} failed to open ({}); exporting again", d.id(), e.getMessage());
                return OrtFeatureExtractor.open(d, exports.export(d), cores, device);
            }
        };
    }
}
