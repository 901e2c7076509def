package dev.loupe.ui.app;

import dev.loupe.ui.common.SessionServices;
import dev.loupe.faults.ChildJvm;
import dev.loupe.faults.HoldLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The studio refuses a dataset another Loupe process holds, keeps the open one, and says who has it. */
class StudioDatasetLockTest {

    @TempDir Path tmp;

    @Test
    void aDatasetHeldByAnotherProcessIsNotOpenedAndTheStatusSaysWhy() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("birds"));
        Path busy = Files.createDirectories(tmp.resolve("cats"));
        StudioViewModel vm = new StudioViewModel(new StudioPrefs(new MemoryPreferences()), mine,
                SessionServices.inline());
        assertThat(vm.openDataset(mine)).isTrue();

        Process other = ChildJvm.builder(HoldLock.class.getName(), busy.toString()).start();
        try {
            ChildJvm.awaitLine(other, ChildJvm.reader(other), "locked");
            assertThat(vm.openDataset(busy)).isFalse();
            assertThat(vm.datasetProperty().get()).isEqualTo(mine);
            assertThat(vm.titleProperty().get()).isEqualTo("birds — Loupe");
            assertThat(vm.noticeProperty().get()).contains(busy.toString())
                    .contains("process " + other.pid()).contains("Close that Loupe");
        } finally {
            other.getOutputStream().close();
            assertThat(other.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(vm.openDataset(busy)).isTrue();
        assertThat(vm.noticeProperty().get()).isNull();
        assertThat(Files.readString(mine.resolve(".loupe/lock"))).as("the previous dataset is let go").isEmpty();
        vm.closeSession();
        assertThat(Files.readString(busy.resolve(".loupe/lock"))).isEmpty();
    }
}
