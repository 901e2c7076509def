package dev.loupe.engine.backbone;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.engine.util.AppDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The backbones the user imported: each a copy of its files in {@code AppDirs.userData()/backbones/ID/} beside a
 * {@code backbone.json} (state IMPORTED). An import is made in a hidden folder and moved into place whole
 * ({@link ImportStaging}); what a killed import left is removed the first time this process lists the imports.
 */
public final class ImportedBackbones {

    private static final Logger LOG = LoggerFactory.getLogger(ImportedBackbones.class);
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The data folders whose leftovers this process has removed (one per run; tests use several). */
    private static final java.util.Set<Path> CLEANED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final String REMOVED = ".removed-ids";

    private ImportedBackbones() {
    }

    /** The JSON mapper backbone.json files are read and written with. */
    public static ObjectMapper json() {
        return JSON;
    }

    public static Path root() {
        return AppDirs.userData().resolve("backbones");
    }

    public static Path folder(String id) {
        return root().resolve(id);
    }

    /**
     * Removes an imported backbone: the copy of its files Loupe made in its own data folder (the files it was
     * imported from are not touched).
     */
    public static void remove(String id) throws IOException, BackboneException {
        Path folder = folder(id);
        if (id.isBlank() || id.startsWith(".") || !folder.normalize().getParent().equals(root().normalize())
                || !Files.isRegularFile(folder.resolve("backbone.json"))) {
            throw new BackboneException("There is no imported backbone '" + id + "' (see 'loupe backbones')");
        }
        // Remember the id first: features cached under it in datasets must never be taken for another model's.
        Files.writeString(root().resolve(REMOVED), id + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ImportStaging.delete(folder);
        LOG.info("Removed the imported backbone {} ({})", id, folder);
    }

    /**
     * Whether {@code id} belonged to a backbone the user removed. Datasets keep the features they cached under that
     * id, so a new import may not reuse it, or it would be handed the old model's features.
     */
    public static boolean wasRemoved(String id) {
        Path file = root().resolve(REMOVED);
        try {
            return Files.isRegularFile(file) && Files.readAllLines(file).contains(id);
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}", file, e.getMessage());
            return true;
        }
    }

    /** Every imported backbone, by id; a damaged {@code backbone.json} is skipped with a warning in the log. */
    public static List<BackboneDescriptor> list() {
        Path root = root();
        List<BackboneDescriptor> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        if (CLEANED.add(root.toAbsolutePath())) {
            ImportStaging.removeLeftovers(root);
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> !d.getFileName().toString().startsWith(".")).sorted().toList()) {
                Path json = dir.resolve("backbone.json");
                if (!Files.isRegularFile(json)) {
                    continue;
                }
                try {
                    out.add(JSON.readValue(json.toFile(), BackboneDescriptor.class));
                } catch (IOException e) {
                    LOG.warn("Skipping the imported backbone in {}: its backbone.json is damaged ({})", dir,
                            e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list imported backbones in {}: {}", root, e.getMessage());
        }
        return out;
    }
}
