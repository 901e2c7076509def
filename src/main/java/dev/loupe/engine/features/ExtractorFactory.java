package dev.loupe.engine.features;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.onnx.ExportedBackbones;
import dev.loupe.engine.util.AppDirs;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/** Opens a feature extractor for a backbone on one runtime. Opening loads weights: call it only when needed. */
@FunctionalInterface
public interface ExtractorFactory {

    FeatureExtractor open(BackboneDescriptor backbone) throws BackboneException;

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
        ExportedBackbones exports = new ExportedBackbones(cacheDir);
        return d -> {
            byte[] model = exports.load(d);
            try {
                return OrtFeatureExtractor.open(d, model);
            } catch (BackboneException e) {
                LoggerFactory.getLogger(ExtractorFactory.class)
                        .warn("Cached ONNX export of {} failed to open ({}); exporting again", d.id(), e.getMessage());
                return OrtFeatureExtractor.open(d, exports.export(d));
            }
        };
    }
}
