package dev.loupe.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.ImportedBackbones;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.backbone.importer.BackboneImporter;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.BackboneRef;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.model.ModelFormatException;
import dev.loupe.engine.model.ModelManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Damaged and hostile model bundles: refused with a message naming the file, nothing written anywhere. */
class ModelFaultsTest {

    @TempDir Path dir;

    @Test
    void newerFormat() throws Exception {
        Results.check("models", "bundle from a newer format version", "refused: names the file and says update "
                + "Loupe", () -> {
            Path f = bundle("newer.loupe", Map.of("manifest.json",
                    "{\"kind\":\"" + ModelManifest.KIND + "\",\"formatVersion\":99}"));
            refused(f, "newer Loupe", "Update Loupe");
        });
    }

    @Test
    void truncated() throws Exception {
        Results.check("models", "truncated bundle", "refused as damaged, naming the file; says train again or use"
                + " another copy", () -> {
            Path whole = bundle("whole.loupe", valid());
            byte[] bytes = Files.readAllBytes(whole);
            Path f = Files.write(dir.resolve("truncated.loupe"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
            refused(f, "damaged", "Train the model again or use another copy");
        });
    }

    @Test
    void zipSlip() throws Exception {
        Results.check("models", "zip with ../ entries (zip slip)", "refused; nothing written outside (or inside) the"
                + " folder", () -> {
            Map<String, String> entries = new LinkedHashMap<>(valid());
            entries.put("../../evil.txt", "owned");
            entries.put("../head.zip", "owned");
            Path f = bundle("slip.loupe", entries);
            List<String> before = tree(dir.getParent());
            refused(f, "damaged", f.toString());
            assertThat(tree(dir.getParent())).isEqualTo(before);
        });
    }

    @Test
    void hugeDeclaredEntry() throws Exception {
        Results.check("models", "huge declared entry", "refused before reading it: 'implausibly large', naming "
                + "the file", () -> {
            Path f = bundle("huge.loupe", valid());
            byte[] b = Files.readAllBytes(f);
            claimSize(b, "head.zip", 0x7FFF_FFF0L);
            Files.write(f, b);
            refused(f, "implausibly large", "huge.loupe");
        });
    }

    @Test
    void kerasFileWithAnUnsupportedLayer() throws Exception {
        Results.check("models", "Keras .h5 with a layer DL4J cannot import", "import refused naming the file and "
                + "the layer type, saying what to do; the file unchanged; no backbone folder or listing left", () -> {
            Path h5 = KerasH5.withLayer(dir.resolve("fancy.h5"), "FancySparkleLayer");
            String hash = dev.loupe.engine.util.Hashes.sha256(h5);
            String oldData = System.getProperty("loupe.data.dir");
            System.setProperty("loupe.data.dir", dir.resolve("userdata").toString());
            try {
                var request = new BackboneImporter.Request(h5, null, null, "fancy",
                        InputSpec.Scaling.MINUS_ONE_TO_ONE);
                assertThatThrownBy(() -> BackboneImporter.run(request, BackboneRegistry.standard(),
                        JobMonitor.silent()))
                        .isInstanceOf(BackboneException.class)
                        .hasMessageContaining(h5.toString())
                        .hasMessageContaining("its layer type 'FancySparkleLayer' is not supported")
                        .hasMessageContaining("Replace that layer, or save the model without it")
                        .satisfies(e -> Results.note(e.getMessage().replace(dir.toString(), "…")));
                assertThat(ImportedBackbones.folder("fancy")).doesNotExist();
                assertThat(everything(dir.resolve("userdata"))).as("nothing left in the user data folder")
                        .allMatch(Files::isDirectory);
                assertThat(BackboneRegistry.standard().find("fancy")).isEmpty();
                assertThat(dev.loupe.engine.util.Hashes.sha256(h5)).isEqualTo(hash);
                assertThat(everything(dir)).extracting(p -> p.getFileName().toString())
                        .as("no temporary file beside the model").contains("fancy.h5")
                        .noneMatch(n -> n.contains(".tmp"));
            } finally {
                if (oldData == null) {
                    System.clearProperty("loupe.data.dir");
                } else {
                    System.setProperty("loupe.data.dir", oldData);
                }
            }
        });
    }

    private static List<Path> everything(Path root) throws Exception {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.toList();
        }
    }

    private static void refused(Path f, String... phrases) throws Exception {
        var thrown = assertThatThrownBy(() -> ModelFiles.load(f)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(f.toString());
        for (String p : phrases) {
            thrown.hasMessageContaining(p);
        }
        Results.note(catchMessage(f));
    }

    private static String catchMessage(Path f) {
        try {
            ModelFiles.load(f);
            return "loaded";
        } catch (Exception e) {
            return e.getMessage().replace(f.getParent().toString(), "…");
        }
    }

    private Map<String, String> valid() throws Exception {
        InputSpec spec = new InputSpec(8, 8, InputSpec.ChannelOrder.RGB, InputSpec.Scaling.ZERO_TO_ONE,
                InputSpec.Layout.NCHW, 1);
        ModelManifest m = new ModelManifest(ModelBundle.STOCK_FORMAT_VERSION, ModelManifest.KIND, List.of("a", "b"),
                new BackboneRef("fake", "Fake", "cut", 2), spec, 1.0, null);
        Map<String, String> e = new LinkedHashMap<>();
        e.put("manifest.json", new ObjectMapper().writeValueAsString(m));
        e.put("scaler.json", "{}");
        e.put("head.zip", "x".repeat(20_000));
        return e;
    }

    private Path bundle(String name, Map<String, String> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }

    /** Rewrites the uncompressed size that the central directory declares for {@code name}. */
    private static void claimSize(byte[] zip, String name, long size) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (b.getInt(i) == 0x02014b50) {
                int nameLen = b.getShort(i + 28) & 0xFFFF;
                if (new String(zip, i + 46, nameLen, StandardCharsets.UTF_8).equals(name)) {
                    b.putInt(i + 24, (int) size);
                    return;
                }
            }
        }
        throw new IllegalStateException(name + " not in the central directory");
    }

    /**
     * The files a zip slip could have written, under {@code root} (the temp folder, three levels down). Other tests and
     * processes create and delete folders there meanwhile, so a folder gone while it is listed is skipped, not fatal.
     */
    private static List<String> tree(Path root) throws Exception {
        List<String> found = new java.util.ArrayList<>();
        Files.walkFileTree(root, java.util.Set.of(), 3, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                String p = file.toString();
                if (p.contains("evil") || p.endsWith("head.zip")) {
                    found.add(p);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, java.io.IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return found.stream().sorted().toList();
    }
}
