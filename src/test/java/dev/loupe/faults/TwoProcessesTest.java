package dev.loupe.faults;

import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A second, real Loupe process (the CLI in its own JVM) on a dataset another Loupe holds. */
class TwoProcessesTest {

    @TempDir Path dir;

    @Test
    void theSecondLoupeIsToldWhoHasTheDatasetAndChangesNothing() throws Exception {
        Results.check("process", "two Loupe processes on one dataset", "second CLI exits 75 naming the holder's "
                + "pid and what to do; dataset untouched; works once the first is gone", () -> {
            Path ds = TestImages.dataset(dir.resolve("ds"), 2, Color.RED, Color.BLUE);
            Map<String, String> before = DatasetHashes.of(ds);
            Process holder = ChildJvm.builder(HoldLock.class.getName(), ds.toString()).start();
            try {
                ChildJvm.awaitLine(holder, ChildJvm.reader(holder), "locked");
                ChildJvm.Result second = ChildJvm.run(ChildJvm.builder("dev.loupe.Launcher", "dataset", "move",
                        ds.toString(), "blue", "red/img0.png"), 120);
                assertThat(second.exit()).as(second.out()).isEqualTo(75);
                assertThat(second.out()).contains("in use by another Loupe").contains("process " + holder.pid())
                        .contains("Close that Loupe or wait for its job to finish");
                Results.note(second.out().lines().filter(l -> l.startsWith("loupe:")).findFirst().orElse(""));
                DatasetHashes.assertUnchanged(ds, before);
            } finally {
                holder.getOutputStream().close();
                assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            ChildJvm.Result after = ChildJvm.run(ChildJvm.builder("dev.loupe.Launcher", "dataset", "move",
                    ds.toString(), "blue", "red/img0.png"), 120);
            assertThat(after.exit()).as(after.out()).isZero();
        });
    }
}
