package dev.loupe.ui.train;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.download.DownloadOptions;
import dev.loupe.engine.backbone.download.ZooDownloads;
import dev.loupe.engine.backbone.importer.BackboneImporter;
import dev.loupe.engine.jobs.Job;
import dev.loupe.ui.common.Choosers;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What the Train pane's Download and Import buttons run: the engine's one download ({@link ZooDownloads}) and one
 * importer ({@link BackboneImporter}), as jobs, and the backbone list read again afterwards. Injectable, so a test
 * downloads from a server of its own.
 */
public interface BackboneJobs {

    /** Fetches a zoo backbone's weights into the user's cache. */
    Job<Path> download(BackboneDescriptor backbone);

    /** Imports a Keras ({@code .h5}) or TF.js ({@code model.json}) network as a backbone. */
    Job<BackboneDescriptor> importModel(Path model);

    /** The backbones on offer now (read from disk: call it from a job, not the FX thread). */
    BackboneRegistry reload();

    /**
     * Asks the user for the network Import… brings in: a chooser of Keras and TF.js files; null when they cancel.
     * FX thread. A test answers in place of the native chooser, which a headless test cannot drive.
     */
    default Path chooseModel(Window owner) {
        FileChooser chooser = Choosers.in("Import a Backbone (Keras .h5 or TF.js model.json)", null);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Keras or TF.js models",
                "*.h5", "*.hdf5", "*.keras", "*.json"));
        File file = chooser.showOpenDialog(owner);
        return file == null ? null : file.toPath();
    }

    /**
     * The real ones: HTTPS downloads into the user's cache, imports into the user's data folder; {@code list} reads
     * what is on offer ({@code BackboneRegistry::standard} in the studio).
     */
    static BackboneJobs standard(Supplier<BackboneRegistry> list) {
        return new BackboneJobs() {
            @Override
            public Job<Path> download(BackboneDescriptor backbone) {
                return m -> ZooDownloads.download(backbone, DownloadOptions.defaults(), m);
            }

            @Override
            public Job<BackboneDescriptor> importModel(Path model) {
                return m -> BackboneImporter.run(new BackboneImporter.Request(model, null, null, null, null),
                        BackboneRegistry.standard(), m);
            }

            @Override
            public BackboneRegistry reload() {
                return list.get();
            }
        };
    }
}
