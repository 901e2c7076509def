package dev.loupe.e2e;

import dev.loupe.engine.image.AdobeJpegs;
import dev.loupe.engine.image.BigPngs;
import dev.loupe.engine.util.Hashes;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real dataset salted with the files real folders hold, trained by a separate Loupe process with a 1 GB heap:
 * each bad file is named with its reason, the odd-but-valid ones are used, and no file in the dataset changes.
 */
class SaltedDatasetTest {

    @TempDir Path dir;

    @Test
    void badFilesAreListedOddOnesAreUsedAndNothingInTheDatasetChanges() throws Exception {
        Path ds = dir.resolve("salted");
        copyPhotos("daisy", ds, 3);
        copyPhotos("roses", ds, 3);
        byte[] photo = Files.readAllBytes(ds.resolve("daisy").resolve(first(ds.resolve("daisy"))));
        Files.write(ds.resolve("daisy/truncated.jpg"), Arrays.copyOf(photo, photo.length / 2));
        Files.write(ds.resolve("daisy/zero.jpg"), new byte[0]);
        Files.writeString(ds.resolve("roses/notes.jpg"), "this is text, not a photo");
        Files.write(ds.resolve("roses/cmyk.jpg"), AdobeJpegs.cmykRedBlue(false));
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_USHORT_GRAY), "png",
                ds.resolve("daisy/grey16.png").toFile());
        BigPngs.writeRedCornerOnWhite(ds.resolve("roses/huge.png"), 12_000, 12_000);
        Map<String, String> before = hashes(ds);

        Process p = new ProcessBuilder(javaBin(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "dev.loupe.Launcher", "train", ds.toString(), "-o", dir.resolve("m.loupe").toString(), "--augment", "0",
                "-q")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();

        assertThat(output).contains("Skipped 3 unreadable image(s)")
                .contains("daisy/truncated.jpg: truncated or corrupt JPEG data")
                .contains("daisy/zero.jpg: empty file (0 bytes)")
                .contains("roses/notes.jpg: not an image (the file holds text)")
                .contains("Features: 9 extracted");
        assertThat(output).doesNotContain("cmyk.jpg:").doesNotContain("grey16.png:").doesNotContain("huge.png:");
        assertThat(hashes(ds)).isEqualTo(before);
    }

    private static void copyPhotos(String cls, Path ds, int n) throws IOException {
        Files.createDirectories(ds.resolve(cls));
        try (Stream<Path> s = Files.list(SharedData.flowers().resolve(cls))) {
            for (Path photo : s.sorted().limit(n).toList()) {
                Files.copy(photo, ds.resolve(cls).resolve(photo.getFileName()));
            }
        }
    }

    private static String first(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().findFirst().orElseThrow().getFileName().toString();
        }
    }

    /** Every file outside Loupe's own .loupe folder, by relative path. */
    private static Map<String, String> hashes(Path ds) throws IOException {
        Map<String, String> out = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(ds)) {
            walk.filter(Files::isRegularFile).filter(f -> !ds.relativize(f).startsWith(".loupe")).forEach(files::add);
        }
        for (Path f : files) {
            out.put(ds.relativize(f).toString(), Hashes.sha256(f));
        }
        return out;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
