package dev.loupe.engine.model;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.finetune.BackbonePatch;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * A model file is untrusted input: its parts (labels, feature scaling, head network, backbone reference,
 * calibration) are checked against each other when it is loaded, and its backbone against the one installed here,
 * so that a damaged or crafted bundle is refused naming what disagrees, never answering "a 100.0%" for every image
 * or with probabilities upside down.
 */
final class BundleParts {

    /** The largest input side any backbone takes; beyond it a manifest would only make Loupe allocate wildly. */
    private static final int MAX_SIDE = 8192;

    private BundleParts() {
    }

    /** Refuses a bundle whose parts disagree, as damaged, naming the disagreement. */
    static void check(ModelBundle b, Path file) throws ModelFormatException {
        ModelManifest m = b.manifest();
        List<String> labels = m.labels();
        if (labels == null || labels.isEmpty() || labels.contains(null)) {
            throw disagree(file, "it lists no labels");
        }
        if (new HashSet<>(labels).size() != labels.size()) {
            throw disagree(file, "it lists a label twice");
        }
        if (m.backbone() == null || m.backbone().id() == null || m.input() == null) {
            throw disagree(file, "it names no backbone or no input");
        }
        InputSpec in = m.input();
        if (in.width() < 1 || in.height() < 1 || in.width() > MAX_SIDE || in.height() > MAX_SIDE) {
            throw disagree(file, "its input size " + in.width() + "x" + in.height() + " is impossible");
        }
        if (!(m.temperature() > 0) || Double.isInfinite(m.temperature())) {
            throw disagree(file, "its calibration temperature is " + m.temperature() + ", and it must be above 0");
        }
        float[] mean = b.scaler().mean();
        float[] scale = b.scaler().scale();
        if (mean == null || scale == null || mean.length != scale.length) {
            throw disagree(file, "its feature scaling is incomplete");
        }
        for (int i = 0; i < mean.length; i++) {
            if (!Float.isFinite(mean[i]) || !Float.isFinite(scale[i]) || !(scale[i] > 0)) {
                throw disagree(file, "its feature scaling holds an impossible value at feature " + i);
            }
        }
        int width = m.backbone().featureDim();
        int headIn = b.head().layerInputSize(0);
        int headOut = b.head().layerSize(b.head().getnLayers() - 1);
        if (mean.length != width || headIn != width) {
            throw disagree(file, "its backbone gives " + width + " features, its feature scaling has " + mean.length
                    + " and its head takes " + headIn);
        }
        if (headOut != labels.size()) {
            throw disagree(file, "its head gives " + headOut + " outputs for " + labels.size() + " labels");
        }
        if (b.patch() != null) {
            checkPatch(b.patch(), file);
        }
        float[] p = b.probabilities(new float[][]{mean.clone()})[0];
        double sum = 0;
        for (float v : p) {
            if (!Float.isFinite(v) || v < 0 || v > 1) {
                throw disagree(file, "its head gives no probabilities (an output of " + v + ")");
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > 1e-3) {
            throw disagree(file, "its head's outputs add up to " + sum + ", not 1");
        }
    }

    /** A fine-tuned backbone with no layers, or a value that is not a number, would classify nothing sensibly. */
    private static void checkPatch(BackbonePatch patch, Path file) throws ModelFormatException {
        if (patch.params().isEmpty()) {
            throw disagree(file, "its fine-tuned backbone changes no layer");
        }
        for (var layer : patch.params().entrySet()) {
            for (var p : layer.getValue().entrySet()) {
                if (!Double.isFinite(p.getValue().sumNumber().doubleValue())) {
                    throw disagree(file, "its fine-tuned backbone's parameter " + p.getKey() + " of layer "
                            + layer.getKey() + " holds a value that is not a number");
                }
            }
        }
    }

    /** The installed backbone the bundle names, refused when its features are not as wide as the head was trained on. */
    static BackboneDescriptor backbone(ModelBundle b, BackboneRegistry registry, Path file)
            throws BackboneException {
        BackboneRef ref = b.manifest().backbone();
        BackboneDescriptor d = registry.require(ref.id());
        if (d.featureDim() > 0 && d.featureDim() != ref.featureDim()) {
            throw new BackboneException(file + " was trained on " + ref.featureDim() + " features of backbone '"
                    + ref.id() + "', but that backbone gives " + d.featureDim() + " here: the model file is damaged "
                    + "or was made for another backbone of that name. Train the model again.");
        }
        return d;
    }

    /** The backbone with the bundle's patch applied; a patch that does not fit is refused naming the file. */
    static Backbone loadBackbone(ModelBundle b, BackboneRegistry registry, Path file) throws BackboneException {
        Backbone backbone = BackboneLoader.load(file == null ? registry.require(b.manifest().backbone().id())
                : backbone(b, registry, file));
        if (b.patch() != null) {
            try {
                b.patch().applyTo(backbone.graph());
            } catch (BackbonePatch.Mismatch e) {
                backbone.graph().close();
                throw notFitting(file, b, e);
            }
        }
        return backbone;
    }

    /** A fine-tuned backbone that does not fit the one installed: said with the file and the backbone. */
    static BackboneException notFitting(Path file, ModelBundle b, BackboneException e) {
        return new BackboneException((file == null ? "The model" : file.toString()) + " does not fit backbone '"
                + b.manifest().backbone().id() + "' as installed here: " + e.getMessage()
                + " Train the model again.", e);
    }

    private static ModelFormatException disagree(Path file, String what) {
        return new ModelFormatException(file + " is damaged: its parts disagree (" + what + "). Train the model "
                + "again or use another copy.");
    }
}
