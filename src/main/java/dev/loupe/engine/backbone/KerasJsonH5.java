package dev.loupe.engine.backbone;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads the Keras "structure JSON + weights HDF5" pair. DL4J reads that pair only from file paths (HDF5 is opened by
 * the native library), so the bundled resources are copied to temporary files, deleted right after the import.
 */
final class KerasJsonH5 {

    private KerasJsonH5() {
    }

    static ComputationGraph load(BackboneDescriptor d) throws BackboneException {
        Hdf5Diagnostics.quietUnlessVerbose();
        if (d.files().size() != 2) {
            throw new BackboneException("Backbone " + d.id() + " (keras-json-h5) must list its JSON and its H5 file");
        }
        if (d.state() == BackboneState.IMPORTED) {
            Path folder = ImportedBackbones.folder(d.id());
            try {
                return KerasModelImport.importKerasModelAndWeights(folder.resolve(d.files().get(0)).toString(),
                        folder.resolve(d.files().get(1)).toString(), false);
            } catch (Exception e) {
                throw BackboneLoader.damaged(d, String.join(" + ", d.files()), e);
            }
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("loupe-backbone-");
            Path json = copy(d, d.files().get(0), dir);
            Path h5 = copy(d, d.files().get(1), dir);
            return KerasModelImport.importKerasModelAndWeights(json.toString(), h5.toString(), false);
        } catch (Exception e) {
            throw BackboneLoader.damaged(d, String.join(" + ", d.files()), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static Path copy(BackboneDescriptor d, String name, Path dir) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = BackboneRegistry.resource(d.id() + "/" + name)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
