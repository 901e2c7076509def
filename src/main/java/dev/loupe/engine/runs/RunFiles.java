package dev.loupe.engine.runs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and writes {@code run.json}, {@code selected.json}, {@code settings.json} and a run's {@code name.json}; each
 * carries a format version.
 */
final class RunFiles {

    static final String RECORD = "run.json";
    static final String SELECTED = "selected.json";
    static final String SETTINGS = "settings.json";
    static final String NAME = "name.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The {@code settings.json} content: the settings the dataset's next run will use. */
    record Settings(int formatVersion, TrainingConfig config) {
    }

    /**
     * A run's {@code name.json}: the name the user gave it. A file of its own, beside {@code run.json}, so that
     * renaming never rewrites the record a training job may still be writing.
     */
    record Name(int formatVersion, String name) {
    }

    /** The {@code selected.json} content: which run's model Classify uses. */
    record Selection(int formatVersion, String run) {
    }

    private RunFiles() {
    }

    static void write(Path runDir, RunRecord run) throws IOException {
        // Bytes first: Jackson closes a stream it writes to, and AtomicFiles must still flush it to disk.
        byte[] bytes = JSON.writeValueAsBytes(run);
        AtomicFiles.write(runDir.resolve(RECORD), out -> out.write(bytes));
    }

    /** The record in {@code runDir}; a record from a newer Loupe is refused rather than misread. */
    static RunRecord read(Path runDir) throws IOException {
        Path file = runDir.resolve(RECORD);
        JsonNode node = JSON.readTree(file.toFile());
        int version = node.path("formatVersion").asInt(-1);
        if (version < 1 || version > RunRecord.FORMAT_VERSION) {
            throw new IOException(file + " has run format " + version + "; this Loupe reads 1 to "
                    + RunRecord.FORMAT_VERSION);
        }
        return JSON.treeToValue(node, RunRecord.class);
    }

    static void writeSettings(Path dir, TrainingConfig config) throws IOException {
        Files.createDirectories(dir);
        byte[] bytes = JSON.writeValueAsBytes(new Settings(1, config));
        AtomicFiles.write(dir.resolve(SETTINGS), out -> out.write(bytes));
    }

    /** The saved settings; empty if none were saved, or if they come from a newer Loupe (they are then not misread). */
    static Optional<TrainingConfig> readSettings(Path dir) throws IOException {
        return readVersion1(dir.resolve(SETTINGS), Settings.class).map(Settings::config);
    }

    static void writeSelection(Path dir, String runId) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(new Selection(1, runId));
        AtomicFiles.write(dir.resolve(SELECTED), out -> out.write(bytes));
    }

    static Optional<String> readSelection(Path dir) throws IOException {
        return readVersion1(dir.resolve(SELECTED), Selection.class).map(Selection::run);
    }

    static void writeName(Path runDir, String name) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(new Name(1, name));
        AtomicFiles.write(runDir.resolve(NAME), out -> out.write(bytes));
    }

    /** The user's name for the run; empty if never named, or named by a newer Loupe (then not misread). */
    static Optional<String> readName(Path runDir) throws IOException {
        return readVersion1(runDir.resolve(NAME), Name.class).map(Name::name).filter(n -> !n.isBlank());
    }

    /** A small format-1 JSON file; empty when absent or written by a newer Loupe, whose format is not misread. */
    private static <T> Optional<T> readVersion1(Path file, Class<T> type) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode node = JSON.readTree(file.toFile());
        if (node.path("formatVersion").asInt(-1) != 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(JSON.treeToValue(node, type));
    }
}
