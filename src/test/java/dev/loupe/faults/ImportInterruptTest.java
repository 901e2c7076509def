package dev.loupe.faults;

import dev.loupe.engine.backbone.ImportedBackbones;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code loupe backbones import} stopped part-way by Ctrl+C or {@code kill -9}: never reported imported, never a
 * half-made backbone that blocks importing again under its id; what a kill left is removed on the next start.
 */
class ImportInterruptTest {

    @TempDir Path dir;
    private Path tm;

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("loupe.data.dir", dir.resolve("userdata").toString());
        tm = Files.createDirectories(dir.resolve("tm"));
        for (String f : new String[]{"model.json", "weights.bin", "metadata.json"}) {
            Files.copy(SharedData.root().resolve("models/mobilenet_v2_0.35_224").resolve(f), tm.resolve(f));
        }
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("loupe.data.dir");
    }

    @Test
    void ctrlCDuringImport() throws Exception {
        Results.check("process", "Ctrl+C (SIGINT) during loupe backbones import", "says cancelled, never "
                + "'Imported'; exit 130; nothing listed and nothing left in the data folder", () -> {
            assertThat(sigintIgnored()).as("SIGINT is ignored in this JVM (the suite was started in the background"
                    + " with '&' or nohup), so the child inherits that and Ctrl+C cannot reach it: run the suite in"
                    + " the foreground").isFalse();
            Process p = ChildJvm.builder("dev.loupe.Launcher", "backbones", "import", tm.toString(), "--name", "tm")
                    .start();
            BufferedReader out = ChildJvm.reader(p);
            StringBuilder seen = new StringBuilder(ChildJvm.awaitLine(p, out, "Importing the network")).append('\n');
            new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
            seen.append(out.lines().collect(Collectors.joining("\n")));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(seen.toString()).contains("Cancelled").doesNotContain("Imported");
            assertThat(p.exitValue()).isEqualTo(130);
            assertThat(ImportedBackbones.folder("tm")).doesNotExist();
            assertThat(leftovers()).isEmpty();
            Results.note(seen.toString().lines().filter(l -> l.startsWith("loupe:")).findFirst().orElse(""));
        });
    }

    /** Linux's view of this process's ignored signals (bit 1 is SIGINT); false where there is no /proc. */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(l -> l.startsWith("SigIgn:")).findFirst()
                    .map(l -> (Long.parseUnsignedLong(l.substring(7).trim(), 16) & 2) != 0).orElse(false);
        }
    }

    @Test
    void killDuringImport() throws Exception {
        Results.check("process", "kill -9 during loupe backbones import (and a half-made folder of an older Loupe)",
                "the half-made import is hidden, never listed; the next start removes it and the id is free", () -> {
            Process p = ChildJvm.builder("dev.loupe.Launcher", "backbones", "import", tm.toString(), "--name", "tm")
                    .start();
            BufferedReader out = ChildJvm.reader(p);
            ChildJvm.awaitLine(p, out, "Checking it on a probe image");
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(leftovers()).as("the killed import's hidden folder").hasSize(1);
            assertThat(ImportedBackbones.folder("tm")).doesNotExist();
            Path old = Files.createDirectories(ImportedBackbones.root().resolve("old"));
            Files.writeString(old.resolve("weights.bin"), "half copied by an older Loupe, killed");

            assertThat(ImportedBackbones.list()).isEmpty(); // the next start
            assertThat(leftovers()).isEmpty();
            assertThat(old).doesNotExist();
            Results.note("removed on the next start: the staging folder and the older Loupe's half-made 'old'");
        });
    }

    private static java.util.List<Path> leftovers() throws Exception {
        if (!Files.exists(ImportedBackbones.root())) {
            return java.util.List.of();
        }
        try (Stream<Path> s = Files.list(ImportedBackbones.root())) {
            return s.filter(Files::isDirectory).filter(d -> d.getFileName().toString().startsWith(".import-"))
                    .toList();
        }
    }
}
