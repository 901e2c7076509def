package dev.loupe.engine.backbone;

import dev.loupe.engine.backbone.tfjs.ModelSource;
import dev.loupe.engine.backbone.tfjs.TfjsImporter;
import dev.loupe.engine.util.Natives;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;

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
            case "keras-h5" -> importKerasH5(descriptor);
            case "keras-json-h5" -> KerasJsonH5.load(descriptor);
            case "tfjs-layers" -> importTfjs(descriptor, descriptor.cutLayer());
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
        ComputationGraph graph = switch (d.format()) {
            case "keras-h5" -> importKerasH5(d);
            case "keras-json-h5" -> KerasJsonH5.load(d);
            case "tfjs-layers" -> importTfjs(d, null);
            default -> throw new BackboneException("Backbone " + d.id() + " has an unknown format '" + d.format()
                    + "'");
        };
        return NchwRewriter.toNchw(graph);
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
        ComputationGraph graph = importTfjs(d, null);
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

    private static ComputationGraph importTfjs(BackboneDescriptor d, String cutLayer) throws BackboneException {
        try {
            return TfjsImporter.load(source(d), cutLayer);
        } catch (Exception e) {
            throw damaged(d, d.files().get(0), e);
        }
    }

    private static ComputationGraph importKerasH5(BackboneDescriptor d) throws BackboneException {
        Hdf5Diagnostics.quietUnlessVerbose();
        if (d.state() == BackboneState.IMPORTED) {
            java.nio.file.Path h5 = ImportedBackbones.folder(d.id()).resolve(d.files().get(0));
            try {
                return KerasModelImport.importKerasModelAndWeights(h5.toString(), false);
            } catch (Exception e) {
                throw damaged(d, h5.toString(), e);
            }
        }
        String file = d.id() + "/" + d.files().get(0);
        try (InputStream in = BackboneRegistry.resource(file)) {
            return KerasModelImport.importKerasModelAndWeights(in, false);
        } catch (Exception e) {
            throw damaged(d, file, e);
        }
    }

    /** A zoo backbone: the network DL4J saved with its weights ({@code ModelSerializer}, as its zoo loads it). */
    private static ComputationGraph restoreZoo(BackboneDescriptor d) throws BackboneException {
        java.nio.file.Path file = ZooCatalogue.file(d);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new BackboneException("Backbone " + d.id() + " is not downloaded yet: run 'loupe backbones download "
                    + d.id() + "'");
        }
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
