package dev.loupe.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Files that are not the Keras model they claim to be, given to {@code loupe backbones import} in a real process. */
class ImportFaultsTest {

    @TempDir Path dir;

    @Test
    void randomAndTruncatedH5() throws Exception {
        Results.check("models", "import of a random .h5 and of a Keras .h5 cut in half", "one line naming the file "
                + "and what to do, no HDF5 diagnostics (only with -v), no 'import it again'; exit 3; nothing "
                + "imported", () -> {
            byte[] noise = new byte[100_000];
            new Random(7).nextBytes(noise);
            Path random = Files.write(dir.resolve("random.h5"), noise);
            Path whole = KerasH5.withLayer(dir.resolve("whole.h5"), "Dense");
            byte[] bytes = Files.readAllBytes(whole);
            Path cut = Files.write(dir.resolve("cut.h5"), Arrays.copyOf(bytes, bytes.length / 2));
            String said = refused(random, "is not an HDF5 file");
            refused(cut, "Cannot import " + cut);
            ChildJvm.Result verbose = importIt(cut, "-v");
            assertThat(verbose.out()).as("-v shows the library's own diagnostics").contains("HDF5-DIAG");
            Results.note(said.replace(dir.toString(), "…"));
        });
    }

    private String refused(Path model, String phrase) throws Exception {
        ChildJvm.Result r = importIt(model);
        assertThat(r.exit()).as(r.out()).isEqualTo(3);
        assertThat(r.out()).contains(phrase).doesNotContain("HDF5-DIAG").doesNotContain("import it again")
                .doesNotContain("\tat ");
        assertThat(r.out().strip().lines()).as(r.out()).hasSize(1);
        assertThat(dir.resolve("userdata/backbones")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
        return r.out().strip();
    }

    private ChildJvm.Result importIt(Path model, String... extra) throws Exception {
        String[] args = new String[4 + extra.length];
        args[0] = "backbones";
        args[1] = "import";
        args[2] = model.toString();
        args[3] = "-q";
        System.arraycopy(extra, 0, args, 4, extra.length);
        ProcessBuilder pb = ChildJvm.builder("dev.loupe.Launcher", args);
        pb.command().add(3, "-Dloupe.data.dir=" + dir.resolve("userdata"));
        return ChildJvm.run(pb, 120);
    }
}
