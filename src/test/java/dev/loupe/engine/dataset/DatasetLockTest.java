package dev.loupe.engine.dataset;

import dev.loupe.faults.ChildJvm;
import dev.loupe.faults.HoldLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetLockTest {

    @TempDir Path ds;

    @Test
    void writesTheHolderAndEmptiesTheFileOnClose() throws Exception {
        Path file;
        try (DatasetLock lock = DatasetLock.acquire(ds, "unit test")) {
            assertThat(lock.held()).isTrue();
            file = lock.file();
            assertThat(file).isEqualTo(ds.resolve(".loupe/lock"));
            assertThat(Files.readString(file)).contains("pid=" + ProcessHandle.current().pid())
                    .contains("purpose=unit test");
        }
        assertThat(Files.readString(file)).isEmpty();
        try (DatasetLock again = DatasetLock.acquire(ds, "again")) {
            assertThat(again.held()).isTrue();
        }
    }

    @Test
    void isSharedWithinAProcessUntilTheLastUserCloses() throws Exception {
        DatasetLock a = DatasetLock.acquire(ds, "pane a");
        DatasetLock b = DatasetLock.acquire(ds, "pane b");
        a.close();
        a.close();
        assertThat(Files.readString(b.file())).contains("purpose=pane a");
        b.close();
        assertThat(Files.readString(b.file())).isEmpty();
    }

    @Test
    void aLockLeftByADeadProcessIsTakenOver() throws Exception {
        Files.createDirectories(ds.resolve(".loupe"));
        Files.writeString(ds.resolve(".loupe/lock"), "pid=999999999\nprocessStart=1\nsince=1\nhost=x\npurpose=gone\n");
        try (DatasetLock lock = DatasetLock.acquire(ds, "next")) {
            assertThat(Files.readString(lock.file())).contains("purpose=next")
                    .contains("pid=" + ProcessHandle.current().pid());
        }
    }

    @Test
    void aSecondProcessIsToldWhoHasTheDatasetAndWhatToDo() throws Exception {
        Process holder = ChildJvm.builder(HoldLock.class.getName(), ds.toString()).start();
        try {
            BufferedReader out = ChildJvm.reader(holder);
            ChildJvm.awaitLine(holder, out, "locked");
            assertThatThrownBy(() -> DatasetLock.acquire(ds, "second"))
                    .isInstanceOf(DatasetInUseException.class)
                    .hasMessageContaining(ds.toString())
                    .hasMessageContaining("process " + holder.pid() + " (test holder)")
                    .hasMessageContaining("since ")
                    .hasMessageContaining("Close that Loupe or wait for its job to finish");
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        try (DatasetLock lock = DatasetLock.acquire(ds, "after")) {
            assertThat(lock.held()).isTrue();
        }
    }

    @Test
    void aMissingFolderIsNotLockedAndLeavesNothingBehind() throws Exception {
        try (DatasetLock lock = DatasetLock.acquire(ds.resolve("nope"), "x")) {
            assertThat(lock.held()).isFalse();
        }
        assertThat(ds.resolve("nope")).doesNotExist();
    }
}
