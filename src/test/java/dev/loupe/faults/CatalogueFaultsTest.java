package dev.loupe.faults;

import dev.loupe.cli.Cli;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.jobs.ForwardingMonitor;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue is a cache: a damaged one (random bytes, cut short) is kept aside and rebuilt, saying so, and one that
 * another program holds is refused naming the file and the program, with the CLI's "in use" exit code.
 */
class CatalogueFaultsTest {

    @TempDir Path dir;

    @Test
    void aDamagedCatalogueIsKeptAsideAndRebuilt() throws Exception {
        Results.check("catalogue", "catalogue.db of random bytes, or cut to half its size",
                "the job (or at worst the next run) says it was damaged and kept aside, naming both files; the copy "
                        + "is byte-identical; features extracted again; dataset unchanged", () -> {
            for (String damage : List.of("random", "truncated")) {
                Path ds = TestImages.dataset(dir.resolve(damage), 30, Color.RED, Color.BLUE);
                var before = DatasetHashes.of(ds);
                Path db = ds.resolve(".loupe/catalogue.db");
                if (damage.equals("random")) {
                    Files.createDirectories(db.getParent());
                    byte[] noise = new byte[64 * 1024];
                    new java.util.Random(1).nextBytes(noise);
                    Files.write(db, noise);
                } else {
                    assertThat(features(ds, new CopyOnWriteArrayList<>())).isEqualTo(60);
                    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
                        f.setLength(f.length() / 2);
                    }
                }
                byte[] damaged = Files.readAllBytes(db);
                List<String> warnings = new CopyOnWriteArrayList<>();
                String said;
                try {
                    assertThat(features(ds, warnings)).isEqualTo(60);
                    said = String.join(" ", warnings);
                } catch (IOException runAgain) {
                    // Found only while reading it: kept aside then, and the next run builds a new one.
                    said = runAgain.getMessage();
                    assertThat(said).contains("run again");
                    assertThat(features(ds, warnings)).isEqualTo(60);
                }
                assertThat(said).contains(db.toString(), "damaged", "only a cache", "kept aside as catalogue.db"
                        + ".damaged-");
                try (Stream<Path> s = Files.list(db.getParent())) {
                    Path aside = s.filter(p -> p.getFileName().toString().matches("catalogue\\.db\\.damaged-[0-9-]+"))
                            .findFirst().orElseThrow();
                    assertThat(Files.readAllBytes(aside)).isEqualTo(damaged);
                }
                DatasetHashes.assertUnchanged(ds, before);
                Results.note(said.replace(ds.toString(), "DS"));
            }
        });
    }

    @Test
    void aCatalogueHeldByAnotherProgramIsNamedWithItsHolder() throws Exception {
        Results.check("catalogue", "catalogue.db locked by another program (an exclusive SQLite transaction)",
                "loupe features exits 75 naming the catalogue and the holder's pid after SQLite's 5 s wait; works "
                        + "once it is gone", () -> {
            Path ds = TestImages.dataset(dir.resolve("ds"), 3, Color.RED, Color.BLUE);
            Path db;
            try (Catalogue c = Catalogue.open(ds)) {
                db = c.location();
            }
            Process holder = ChildJvm.builder(HoldCatalogue.class.getName(), db.toString()).start();
            try {
                ChildJvm.awaitLine(holder, ChildJvm.reader(holder), "locked");
                StringWriter err = new StringWriter();
                int exit = Cli.commandLine().setErr(new PrintWriter(err)).execute("features", ds.toString());
                assertThat(exit).as(err.toString()).isEqualTo(75);
                assertThat(err.toString()).contains(db.toString(), "is locked by process " + holder.pid() + " (java)",
                        "Close that program or wait");
                Results.note(err.toString().lines().findFirst().orElse("").replace(ds.toString(), "DS"));
            } finally {
                holder.getOutputStream().close();
                assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(features(ds, new CopyOnWriteArrayList<>())).isEqualTo(6);
        });
    }

    private static int features(Path ds, List<String> warnings) throws Exception {
        try (Catalogue c = Catalogue.open(ds)) {
            return new FeatureService(new FakeExtractor().factory()).features(new DatasetScanner().scan(ds), c,
                    FakeExtractor.DESCRIPTOR, new ForwardingMonitor(JobMonitor.silent()) {
                        @Override public void warning(String message) { warnings.add(message); }
                    }).samples().size();
        }
    }
}
