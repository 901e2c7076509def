package dev.loupe.faults;

import dev.loupe.engine.util.Hashes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The user's files by content hash, to prove a fault lost or altered none of them. */
public final class DatasetHashes {

    private DatasetHashes() {
    }

    /** Every regular file outside {@code .loupe}, relative path to SHA-256 (symbolic links are not followed). */
    public static Map<String, String> of(Path ds) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path f : files(ds, false)) {
            out.put(ds.relativize(f).toString(), Hashes.sha256(f));
        }
        return out;
    }

    /** Asserts the dataset is exactly as before; counts the missing or changed files as lost. */
    public static void assertUnchanged(Path ds, Map<String, String> before) throws IOException {
        Map<String, String> after = of(ds);
        int lost = (int) before.entrySet().stream().filter(e -> !e.getValue().equals(after.get(e.getKey()))).count();
        Results.lost(lost);
        assertThat(after).as("user files after the fault").isEqualTo(before);
    }

    /**
     * Asserts every file's content exists exactly once across the dataset and its trash ({@code .loupe/trash}),
     * wherever a move left it: the invariant after a killed batch move.
     */
    public static void assertEachContentOnce(Path ds, Map<String, String> before) throws IOException {
        Map<String, Integer> count = new HashMap<>();
        for (Path f : files(ds, true)) {
            count.merge(Hashes.sha256(f), 1, Integer::sum);
        }
        int lost = (int) before.values().stream().filter(h -> count.getOrDefault(h, 0) != 1).count();
        Results.lost(lost);
        Map<String, Integer> expected = new HashMap<>();
        before.values().forEach(h -> expected.put(h, 1));
        assertThat(count).as("each image's bytes exactly once in the dataset and its trash").isEqualTo(expected);
    }

    private static List<Path> files(Path ds, boolean withTrash) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(ds)) {
            walk.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).filter(f -> {
                Path rel = ds.relativize(f);
                return !rel.startsWith(".loupe") || (withTrash && rel.startsWith(".loupe/trash"));
            }).forEach(files::add);
        }
        return files;
    }
}
