package dev.loupe.engine.backbone;

import dev.loupe.engine.backbone.keras.Dl4jKeras;
import dev.loupe.engine.backbone.keras.KerasNet;
import dev.loupe.engine.backbone.tfjs.ModelSource;
import dev.loupe.engine.backbone.tfjs.TfjsImporter;
import dev.loupe.engine.util.Natives;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Loads a backbone's weights into a DL4J graph ready for fast CPU inference. Formats: {@code keras-h5} (model and
 * weights in one HDF5 file), {@code keras-json-h5} (Keras structure JSON + weights HDF5) and {@code tfjs-layers}
 * (TF.js model.json + weight shards).
 */
public final class BackboneLoader {

    private static final Logger LOG = LoggerFactory.getLogger(BackboneLoader.class);

    private BackboneLoader() {
    }

    public static Backbone load(BackboneDescriptor descriptor) throws BackboneException {
        Natives.configure();
        long start = System.nanoTime();
        ComputationGraph graph = switch (descriptor.format()) {
            case "keras-h5", "keras-json-h5", "tfjs-layers" -> keras(descriptor, descriptor.cutLayer());
            case ZooCatalogue.FORMAT -> restoreZoo(descriptor);
            default -> throw new BackboneException("Backbone " + descriptor.id() + " has an unknown format '"
                    + descriptor.format() + "'");
        };
        ComputationGraph fast = NchwRewriter.toNchw(graph);
        if (descriptor.state() != BackboneState.BUNDLED) {
            // Bundled backbones ship already cut; downloaded and imported networks still carry their classifier.
            fast = GraphCut.cut(fast, descriptor.cutLayer(), descriptor.input().withLayout(InputSpec.Layout.NCHW));
        }
        LOG.info("Loaded backbone {} in {} ms", descriptor.id(), (System.nanoTime() - start) / 1_000_000);
        return new Backbone(descriptor, fast);
    }

    /**
     * The whole network as stored (with its classifier, if any), rewritten to NCHW: what an import inspects to choose
     * and check its cut.
     */
    public static ComputationGraph loadWhole(BackboneDescriptor d) throws BackboneException {
        Natives.configure();
        if (!List.of("keras-h5", "keras-json-h5", "tfjs-layers").contains(d.format())) {
            throw new BackboneException("Backbone " + d.id() + " has an unknown format '" + d.format() + "'");
        }
        return NchwRewriter.toNchw(keras(d, null));
    }

    /**
     * The whole network of a TF.js backbone that ships with its top (e.g. MobileNet v1 0.75's 1,000 ImageNet
     * classes), uncut and in Keras' NHWC layout; used to check import, preprocessing and channel order end to end.
     */
    public static FullClassifier loadFullClassifier(BackboneDescriptor d) throws BackboneException {
        if (!"tfjs-layers".equals(d.format())) {
            throw new BackboneException("Backbone " + d.id() + " is not a TF.js model with its classifier top");
        }
        Natives.configure();
        ComputationGraph graph = keras(d, null);
        try {
            return new FullClassifier(graph, TfjsImporter.labels(source(d)),
                    d.input().withLayout(InputSpec.Layout.NHWC));
        } catch (java.io.IOException e) {
            throw damaged(d, "metadata.json", e);
        }
    }

    static ModelSource source(BackboneDescriptor d) {
        if (d.state() == BackboneState.IMPORTED) {
            return ModelSource.directory(ImportedBackbones.folder(d.id()));
        }
        return ModelSource.resources(BackboneLoader.class, BackboneRegistry.RESOURCE_ROOT + d.id());
    }

    /**
     * A Keras or TF.js network (see {@link KerasSources}), cut at {@code cutLayer} before DL4J sees it, so a top DL4J
     * cannot build (Keras MobileNet's reshape to [1, 1, 1024] and conv_preds) never stops an import; null: whole.
     */
    private static ComputationGraph keras(BackboneDescriptor d, String cutLayer) throws BackboneException {
        KerasNet net = KerasSources.read(d);
        try {
            return Dl4jKeras.build(cutLayer == null ? net : net.cut(cutLayer));
        } catch (java.io.IOException | RuntimeException e) {
            throw damaged(d, String.join(" + ", d.files()), e);
        }
    }

    /** A zoo backbone: the network DL4J saved with its weights ({@code ModelSerializer}, as its zoo loads it). */
    private static ComputationGraph restoreZoo(BackboneDescriptor d) throws BackboneException {
        ZooCatalogue.requireDownloaded(d);
        java.nio.file.Path file = ZooCatalogue.file(d);
        try {
            return org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (Exception e) {
            throw new BackboneException("Could not load backbone " + d.id() + " from " + file + ": " + e.getMessage()
                    + ". Delete that file and download it again.", e);
        }
    }

    static BackboneException damaged(BackboneDescriptor d, String file, Exception e) {
        String fix = d.state() == BackboneState.IMPORTED ? "The imported copy may be damaged: import it again."
                : "The installation may be damaged: reinstall Loupe.";
        return new BackboneException("Could not load backbone " + d.id() + " from " + file + ": " + e.getMessage()
                + ". " + fix, e);
    }
}
