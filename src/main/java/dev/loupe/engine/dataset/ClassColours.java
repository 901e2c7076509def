package dev.loupe.engine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.engine.util.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which colour each class of a dataset has, for the life of the dataset: a palette index per class name, kept in
 * {@code DATASET/.loupe/class-colours.json} (versioned). A class seen for the first time takes the lowest index no
 * class has had, so adding a class never changes another's colour; a deleted class keeps its index (an undo brings
 * it back in its colour) and a renamed class takes its old name's. A dataset without the file gets its classes'
 * indices in name order, the colours Loupe showed before it kept them. The file is untrusted input: one that is
 * damaged, too big or from a newer Loupe is not used (and a newer one never overwritten). Thread-safe.
 */
public final class ClassColours {

    public static final int FORMAT_VERSION = 1;
    static final String FILE = "class-colours.json";
    /** Far more than any dataset's classes; caps what a damaged or hostile file can make Loupe hold. */
    static final int MAX_CLASSES = 100_000;
    private static final long MAX_BYTES = 8L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ClassColours.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, Integer> indexOf = new LinkedHashMap<>();
    private final boolean writable;
    private boolean dirty;

    private ClassColours(Path file, boolean writable) {
        this.file = file;
        this.writable = writable;
    }

    /** The colours kept for the dataset at {@code root}; none yet if it has no file (or one Loupe cannot use). */
    public static ClassColours of(Path root) {
        Path file = root.resolve(".loupe").resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new ClassColours(file, true);
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException("it is over " + (MAX_BYTES >> 20) + " MB");
            }
            JsonNode node = JSON.readTree(file.toFile());
            int version = node.path("formatVersion").asInt(-1);
            if (version > FORMAT_VERSION) {
                LOG.warn("{} comes from a newer Loupe (format {}); class colours are not kept this session", file,
                        version);
                return new ClassColours(file, false);
            }
            ClassColours colours = new ClassColours(file, true);
            node.path("colours").fields().forEachRemaining(e -> {
                int index = e.getValue().asInt(-1);
                if (!e.getKey().isBlank() && index >= 0 && index < MAX_CLASSES
                        && colours.indexOf.size() < MAX_CLASSES) {
                    colours.indexOf.put(e.getKey(), index);
                }
            });
            return colours;
        } catch (IOException | RuntimeException damaged) {
            LOG.warn("Could not read {} ({}); class colours start again", file, damaged.getMessage());
            return new ClassColours(file, true);
        }
    }

    /** The palette index of {@code className}, given one (the lowest never used) if the class is new. */
    public synchronized int indexOf(String className) {
        Integer known = indexOf.get(className);
        if (known != null) {
            return known;
        }
        int next = 0;
        while (indexOf.containsValue(next)) {
            next++;
        }
        indexOf.put(className, next);
        dirty = true;
        return next;
    }

    /** Gives every new class of {@code classes} an index, in name order (so a first scan matches the old colours). */
    public synchronized Map<String, Integer> assign(Collection<String> classes) {
        Map<String, Integer> out = new LinkedHashMap<>();
        new TreeSet<>(classes).forEach(c -> out.put(c, indexOf(c)));
        return out;
    }

    /** {@code to} takes {@code from}'s colour (a renamed class keeps its colour), unless {@code to} already has one. */
    public synchronized void rename(String from, String to) {
        Integer index = indexOf.get(from);
        if (index != null && !indexOf.containsKey(to)) {
            indexOf.remove(from);
            indexOf.put(to, index);
            dirty = true;
        }
    }

    /** Whether a class was given a colour, or renamed, since the last {@link #save}. */
    public synchronized boolean unsaved() {
        return dirty && writable;
    }

    /**
     * Writes the colours if a class was given one since the last save (a temporary file moved into place). Holds the
     * lock while writing, so two saves never land out of order.
     */
    public synchronized void save() throws IOException {
        if (!dirty || !writable) {
            return;
        }
        ObjectNode node = JSON.createObjectNode().put("formatVersion", FORMAT_VERSION);
        ObjectNode colours = node.putObject("colours");
        indexOf.forEach(colours::put);
        byte[] bytes = JSON.writeValueAsBytes(node);
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, out -> out.write(bytes));
        dirty = false;
    }
}
