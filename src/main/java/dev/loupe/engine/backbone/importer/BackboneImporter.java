package dev.loupe.engine.backbone.importer;

import dev.loupe.engine.util.Plurals;
import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.BackboneState;
import dev.loupe.engine.backbone.FineTunable;
import dev.loupe.engine.backbone.Hdf5Diagnostics;
import dev.loupe.engine.backbone.ImportStaging;
import dev.loupe.engine.backbone.ImportedBackbones;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.backbone.KerasSources;
import dev.loupe.engine.backbone.keras.KerasInputs;
import dev.loupe.engine.backbone.keras.KerasNet;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Imports a user's model as a backbone: reads its network (Keras H5 whole or with a structure JSON, Sequential or
 * functional, nested as Teachable Machine nests it; TF.js), finds the cut (given, or the last pooling/flatten layer:
 * a classifier top is never built), copies only the model's files into a hidden staging folder, loads it as training
 * will and checks it on a probe image, writes {@code backbone.json} and only then moves the folder into place as
 * {@code ImportedBackbones.folder(id)}, which lists it. A failure or a cancel removes the staging folder; a kill
 * leaves it, and the next start removes it.
 */
public final class BackboneImporter {

    private static final Logger LOG = LoggerFactory.getLogger(BackboneImporter.class);

    /**
     * @param model   a Keras .h5, a Keras .json (then {@code weights} is its .h5) or a TF.js folder / model.json
     * @param weights the weights H5 for a JSON structure, else null
     * @param cut     the layer whose output are the features, or null for the default
     * @param name    the display name (its id is derived from it), or null for the file's name
     * @param scaling how the network expects pixel values, or null: Teachable Machine's for its models, else Keras
     *                applications' ({@code MINUS_ONE_TO_ONE})
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
        monitor.stage("Importing the network");
        KerasNet net = read(r.model(), source);
        String cut = r.cut() == null ? KerasInputs.defaultCut(net) : KerasInputs.featureLayer(net, r.cut());
        if (net.layer(cut) == null) {
            List<String> names = net.layerNames();
            throw new BackboneException("Cannot import " + r.model() + ": the network has no layer named '" + cut
                    + "'. Its last layers are: " + String.join(", ", names.subList(Math.max(0, names.size() - 8),
                    names.size())));
        }
        InputSpec input = inputSpec(net, r.scaling(), source.teachableMachine());
        monitor.checkCancelled();
        try (ImportStaging staging = ImportStaging.start(id)) {
            // Loaded and checked from the hidden staging folder, under its name; listed only once moved into place.
            String staged = staging.stagingId();
            monitor.stage("Copying " + Plurals.of(source.files().size(), "file"));
            long size = copy(source.files(), staging.folder(), monitor);
            monitor.stage("Checking it on a probe image");
            BackboneDescriptor probe = describe(staged, display, source, r, input, cut, 0, size, 0);
            Backbone backbone = Keras.rephrase(r.model(), () -> BackboneLoader.load(probe));
            int dim = ProbeCheck.check(backbone, 0);
            BackboneDescriptor named = describe(id, display, source, r, input, cut, dim, size,
                    backbone.graph().numParams());
            // Found once here, on the network just loaded, so the Train pane need not load it to know.
            BackboneDescriptor done = named.withFineTunable(FineTunable.of(new Backbone(named, backbone.graph())));
            backbone.graph().close();
            AtomicFiles.writeString(staging.folder().resolve("backbone.json"),
                    ImportedBackbones.json().writerWithDefaultPrettyPrinter().writeValueAsString(done));
            monitor.checkCancelled(); // the last moment a Ctrl+C can stop it: after the move it is imported
            staging.commit(id);
            LOG.info("Imported backbone {} from {} (cut at {}, {} features)", id, r.model(), cut, dim);
            return done;
        }
    }

    /** The user's network, or why it cannot be imported (never "damaged": it may simply be of another kind). */
    private static KerasNet read(Path model, ImportSource source) throws BackboneException {
        Hdf5Diagnostics.quietUnlessVerbose();
        try {
            return KerasSources.read(source.format(), source.files());
        } catch (IOException | RuntimeException e) {
            throw new BackboneException("Cannot import " + model + ": " + e.getMessage(), e);
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

    /**
     * The size the network was built for ({@code batch_input_shape}; 224 x 224 when it leaves it open) and the
     * preparation it was trained with: a Teachable Machine model keeps Teachable Machine's (centre crop, x / 127 - 1),
     * anything else gets the scaling asked for, or Keras applications' x / 127.5 - 1.
     */
    private static InputSpec inputSpec(KerasNet net, InputSpec.Scaling scaling, boolean teachableMachine) {
        int[] shape = KerasInputs.shape(net);
        int h = shape[0] > 0 ? shape[0] : 224;
        int w = shape[1] > 0 ? shape[1] : 224;
        InputSpec.Scaling s = scaling != null ? scaling : teachableMachine ? InputSpec.Scaling.TEACHABLE_MACHINE
                : InputSpec.Scaling.MINUS_ONE_TO_ONE;
        InputSpec.Fit fit = teachableMachine ? InputSpec.Fit.CENTRE_CROP : InputSpec.Fit.STRETCH;
        return new InputSpec(w, h, InputSpec.ChannelOrder.RGB, s, InputSpec.Layout.NCHW, 1, fit);
    }

    private static BackboneDescriptor describe(String id, String name, ImportSource s, Request r, InputSpec input,
                                               String cut, int dim, long size, long params) {
        InputSpec spec = input;
        List<String> files = s.files().stream().map(f -> f.getFileName().toString()).toList();
        String from = r.model().toAbsolutePath() + (r.weights() == null ? "" : " + " + r.weights().toAbsolutePath());
        return new BackboneDescriptor(id, name, s.format(), files, spec, cut, dim, params, size,
                "as the imported files' own licence", "imported from " + from, BackboneState.IMPORTED);
    }

}
