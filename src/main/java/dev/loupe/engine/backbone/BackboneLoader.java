package dev.loupe.engine.backbone;

import dev.loupe.engine.util.Natives;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;

/** Loads a backbone's weights into a DL4J graph ready for fast CPU inference. */
public final class BackboneLoader {

    private static final Logger LOG = LoggerFactory.getLogger(BackboneLoader.class);

    private BackboneLoader() {
    }

    public static Backbone load(BackboneDescriptor descriptor) throws BackboneException {
        Natives.configure();
        long start = System.nanoTime();
        ComputationGraph graph = switch (descriptor.format()) {
            case "keras-h5" -> importKerasH5(descriptor);
            default -> throw new BackboneException("Backbone " + descriptor.id() + " has an unknown format '"
                    + descriptor.format() + "'");
        };
        ComputationGraph fast = NchwRewriter.toNchw(graph);
        LOG.info("Loaded backbone {} in {} ms", descriptor.id(), (System.nanoTime() - start) / 1_000_000);
        return new Backbone(descriptor, fast);
    }

    private static ComputationGraph importKerasH5(BackboneDescriptor d) throws BackboneException {
        String file = d.id() + "/" + d.files().get(0);
        try (InputStream in = BackboneRegistry.resource(file)) {
            return KerasModelImport.importKerasModelAndWeights(in, false);
        } catch (Exception e) {
            throw new BackboneException("Could not load backbone " + d.id() + " from " + file + ": " + e.getMessage()
                    + ". The installation may be damaged: reinstall Loupe.", e);
        }
    }
}
