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

/** Reads and writes {@code run.json} and {@code selected.json}; both carry a format version. */
final class RunFiles {

    static final String RECORD = "run.json";
    static final String SELECTED = "selected.json";
    static final String SETTINGS = "settings.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The {@code settings.json} content: the settings the dataset's next run will use. */
    record Settings(int formatVersion, TrainingConfig config) {
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
        Path file = dir.resolve(SETTINGS);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode node = JSON.readTree(file.toFile());
        if (node.path("formatVersion").asInt(-1) != 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(JSON.treeToValue(node, Settings.class).config());
    }

    static void writeSelection(Path dir, String runId) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(new Selection(1, runId));
        AtomicFiles.write(dir.resolve(SELECTED), out -> out.write(bytes));
    }

    static Optional<String> readSelection(Path dir) throws IOException {
        Path file = dir.resolve(SELECTED);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.ofNullable(JSON.readValue(file.toFile(), Selection.class).run());
    }
}
