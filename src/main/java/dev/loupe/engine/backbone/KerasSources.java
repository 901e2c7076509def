package dev.loupe.engine.backbone;

import dev.loupe.engine.backbone.keras.KerasH5;
import dev.loupe.engine.backbone.keras.KerasInputs;
import dev.loupe.engine.backbone.keras.KerasNet;
import dev.loupe.engine.backbone.tfjs.ModelSource;
import dev.loupe.engine.backbone.tfjs.TfjsImporter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A backbone's network as its Keras files describe it ({@link KerasNet}), uncut: what the TF.js and Keras exports
 * rebuild the classifier from, layer by layer and weight by weight as Keras wrote them. Bundled HDF5 resources are
 * copied to a temporary folder first (HDF5 is opened by the native library, from a path).
 */
public final class KerasSources {

    private KerasSources() {
    }

    /** The backbone's network, taking RGB (see {@link KerasInputs#rgb}). */
    public static KerasNet read(BackboneDescriptor d) throws BackboneException {
        try {
            return KerasInputs.rgb(switch (d.format()) {
                case "tfjs-layers" -> TfjsImporter.network(BackboneLoader.source(d));
                case "keras-h5", "keras-json-h5" -> h5(d);
                default -> throw new BackboneException("Backbone " + d.id() + " (" + d.format() + ") has no Keras "
                        + "form: this export needs a bundled or imported Keras or TF.js backbone. The ONNX export "
                        + "works for every backbone.");
            });
        } catch (IOException e) {
            throw BackboneLoader.damaged(d, String.join(" + ", d.files()), e);
        }
    }

    /**
     * The network in the user's files, for an import: {@code keras-h5} (one file), {@code keras-json-h5} (structure
     * JSON, weights) or {@code tfjs-layers} (model.json, its folder holding the rest), taking RGB.
     */
    public static KerasNet read(String format, List<Path> files) throws IOException {
        return KerasInputs.rgb(switch (format) {
            case "keras-h5" -> KerasH5.model(files.get(0));
            case "keras-json-h5" -> KerasH5.model(files.get(0), files.get(1));
            default -> TfjsImporter.network(ModelSource.directory(files.get(0).toAbsolutePath().getParent()));
        });
    }

    private static KerasNet h5(BackboneDescriptor d) throws IOException {
        Hdf5Diagnostics.quietUnlessVerbose();
        if (d.state() == BackboneState.IMPORTED) {
            Path folder = ImportedBackbones.folder(d.id());
            return open(d, folder);
        }
        Path dir = Files.createTempDirectory("loupe-backbone-");
        try {
            for (String name : d.files()) {
                try (InputStream in = BackboneRegistry.resource(d.id() + "/" + name)) {
                    Files.copy(in, dir.resolve(name));
                }
            }
            return open(d, dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static KerasNet open(BackboneDescriptor d, Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        d.files().forEach(f -> files.add(folder.resolve(f)));
        return d.format().equals("keras-h5") ? KerasH5.model(files.get(0)) : KerasH5.model(files.get(0), files.get(1));
    }
}
