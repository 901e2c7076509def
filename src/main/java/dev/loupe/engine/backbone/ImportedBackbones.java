package dev.loupe.engine.backbone;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.engine.util.AppDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The backbones the user imported: each a copy of its files in {@code AppDirs.userData()/backbones/ID/} beside a
 * {@code backbone.json} (state IMPORTED), written last so a folder without it is an unfinished import.
 */
public final class ImportedBackbones {

    private static final Logger LOG = LoggerFactory.getLogger(ImportedBackbones.class);
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

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

    /** Every imported backbone, by id; a damaged {@code backbone.json} is skipped with a warning in the log. */
    public static List<BackboneDescriptor> list() {
        Path root = root();
        List<BackboneDescriptor> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
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
