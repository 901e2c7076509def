package dev.loupe.engine.backbone.importer;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.BackboneState;
import dev.loupe.engine.backbone.ImportStaging;
import dev.loupe.engine.backbone.ImportedBackbones;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.AtomicFiles;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Imports a user's model as a backbone: copies its files into a hidden staging folder, finds the cut (given, or the
 * last pooling/flatten layer), loads it as training will and checks it on a probe image, writes {@code backbone.json}
 * and only then moves the folder into place as {@code ImportedBackbones.folder(id)}, which lists it. A failure or a
 * cancel removes the staging folder; a kill leaves it, and the next start removes it.
 */
public final class BackboneImporter {

    private static final Logger LOG = LoggerFactory.getLogger(BackboneImporter.class);

    /**
     * @param model   a Keras .h5, a Keras .json (then {@code weights} is its .h5) or a TF.js folder / model.json
     * @param weights the weights H5 for a JSON structure, else null
     * @param cut     the layer whose output are the features, or null for the default
     * @param name    the display name (its id is derived from it), or null for the file's name
     * @param scaling how the network expects pixel values (Keras applications and TF.js: {@code MINUS_ONE_TO_ONE})
     */
    public record Request(Path model, Path weights, String cut, String name, InputSpec.Scaling scaling) {
    }

    private BackboneImporter() {
    }

    public static BackboneDescriptor run(Request r, BackboneRegistry registry, JobMonitor monitor)
            throws BackboneException, IOException {
        ImportSource source = ImportSource.of(r.model(), r.weights());
        String display = r.name() == null ? source.stem() : r.name();
        String id = Ids.fromName(display);
        ImportedBackbones.list(); // removes what an import killed earlier left, so it cannot block this id
        if (registry.find(id).isPresent() || Files.exists(ImportedBackbones.folder(id))) {
            throw new BackboneException("A backbone with id '" + id + "' already exists: choose another --name, or "
                    + "remove it first with: loupe backbones remove " + id);
        }
        if (ImportedBackbones.wasRemoved(id)) {
            throw new BackboneException("The id '" + id + "' belonged to a backbone you removed, and datasets keep the "
                    + "features cached for it: choose another --name");
        }
        try (ImportStaging staging = ImportStaging.start(id)) {
            // Loaded and checked from the hidden staging folder, under its name; listed only once moved into place.
            String staged = staging.stagingId();
            monitor.stage("Copying " + source.files().size() + " files");
            long size = copy(source.files(), staging.folder(), monitor);
            BackboneDescriptor whole = describe(staged, display, source, r, null, null, 0, size);
            monitor.stage("Importing the network");
            ComputationGraph graph = Keras.rephrase(r.model(), () -> BackboneLoader.loadWhole(whole));
            monitor.checkCancelled();
            InputSpec input = inputSpec(source, r.scaling());
            String cut = r.cut() == null ? DefaultCut.find(graph.getConfiguration()) : r.cut();
            int expected = featureDim(graph.getConfiguration(), cut, input);
            graph.close();
            monitor.stage("Checking it on a probe image");
            BackboneDescriptor probe = describe(staged, display, source, r, input, cut, expected, size);
            Backbone backbone = Keras.rephrase(r.model(), () -> BackboneLoader.load(probe));
            int dim = ProbeCheck.check(backbone, expected);
            BackboneDescriptor done = describe(id, display, source, r, input, cut, dim, size,
                    backbone.graph().numParams());
            backbone.graph().close();
            AtomicFiles.writeString(staging.folder().resolve("backbone.json"),
                    ImportedBackbones.json().writerWithDefaultPrettyPrinter().writeValueAsString(done));
            monitor.checkCancelled(); // the last moment a Ctrl+C can stop it: after the move it is imported
            staging.commit(id);
            LOG.info("Imported backbone {} from {} (cut at {}, {} features)", id, r.model(), cut, dim);
            return done;
        }
    }

    private static long copy(List<Path> files, Path folder, JobMonitor monitor) throws IOException {
        long size = 0;
        for (Path f : files) {
            monitor.checkCancelled();
            AtomicFiles.write(folder.resolve(f.getFileName().toString()), out -> Files.copy(f, out));
            size += Files.size(f);
        }
        return size;
    }

    private static InputSpec inputSpec(ImportSource source, InputSpec.Scaling scaling) {
        int[] hw = InputSize.of(source.format(), source.files());
        return new InputSpec(hw[1], hw[0], InputSpec.ChannelOrder.RGB, scaling, InputSpec.Layout.NCHW, 1);
    }

    /** The length of the features at the cut (channels of a spatial layer, which gets pooled), or 0 if unknown. */
    private static int featureDim(ComputationGraphConfiguration conf, String cut, InputSpec spec)
            throws BackboneException {
        if (!conf.getVertices().containsKey(cut)) {
            List<String> order = conf.getTopologicalOrderStr();
            throw new BackboneException("The network has no layer named '" + cut + "'. Its last layers are: "
                    + String.join(", ", order.subList(Math.max(0, order.size() - 8), order.size())));
        }
        try {
            InputType t = conf.getLayerActivationTypes(InputType.convolutional(spec.height(), spec.width(), 3))
                    .get(cut);
            if (t instanceof InputType.InputTypeConvolutional c) {
                return (int) c.getChannels();
            }
            return t == null ? 0 : (int) t.arrayElementsPerExample();
        } catch (RuntimeException e) {
            LOG.debug("Cannot infer the feature size at {}: {}", cut, e.toString());
            return 0;
        }
    }

    private static BackboneDescriptor describe(String id, String name, ImportSource s, Request r, InputSpec input,
                                               String cut, int dim, long size) {
        return describe(id, name, s, r, input, cut, dim, size, 0);
    }

    private static BackboneDescriptor describe(String id, String name, ImportSource s, Request r, InputSpec input,
                                               String cut, int dim, long size, long params) {
        InputSpec spec = input != null ? input
                : new InputSpec(224, 224, InputSpec.ChannelOrder.RGB, r.scaling(), InputSpec.Layout.NCHW, 1);
        List<String> files = s.files().stream().map(f -> f.getFileName().toString()).toList();
        String from = r.model().toAbsolutePath() + (r.weights() == null ? "" : " + " + r.weights().toAbsolutePath());
        return new BackboneDescriptor(id, name, s.format(), files, spec, cut, dim, params, size,
                "as the imported files' own licence", "imported from " + from, BackboneState.IMPORTED);
    }

}
