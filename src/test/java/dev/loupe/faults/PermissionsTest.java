package dev.loupe.faults;

import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A class folder and a single image Loupe may not read (mode 000), checked in a process the permissions really apply
 * to, even as root (see {@link Unprivileged}); the child first proves it is refused, so the case cannot pass vacuously.
 */
class PermissionsTest {

    private static final String FOLDER_DENIED = "blue: Loupe cannot read this folder (permission denied): check its "
            + "permissions; its images are left out";
    private static final String FILE_DENIED = "green/img0.png: Loupe cannot read this file (permission denied): "
            + "check its permissions";

    @TempDir Path dir;

    @Test
    void anUnreadableFolderAndFileAreNamedWithWhatToDoAndTheRestIsUsed() throws Exception {
        Results.check("folders", "unreadable class folder and image (mode 000)", "the child is refused both; scan, "
                + "features, training and audit name each with 'check its permissions' and use the rest; nothing"
                + " lost", () -> {
            Path ds = TestImages.dataset(dir.resolve("ds"), 6, Color.RED, Color.GREEN, Color.BLUE);
            Map<String, String> before = DatasetHashes.of(ds);
            Files.setPosixFilePermissions(ds.resolve("blue"), PosixFilePermissions.fromString("---------"));
            Files.setPosixFilePermissions(ds.resolve("green/img0.png"), PosixFilePermissions.fromString("---------"));
            ChildJvm.Result child;
            try {
                child = ChildJvm.run(Unprivileged.child(UnreadableWork.class.getName(), ds.toString(), "blue",
                        "green/img0.png", dir.resolve("colours.loupe").toString()), 300);
            } finally {
                Files.setPosixFilePermissions(ds.resolve("blue"), PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.setPosixFilePermissions(ds.resolve("green/img0.png"), PosixFilePermissions.fromString("rw-r--r--"));
            }
            String out = child.out();
            assertThat(child.exit()).as(out).isZero();
            assertThat(out).as("the child really may not read them").contains("probe folder: denied (AccessDenied")
                    .contains("probe file: denied (AccessDenied");
            assertThat(out).contains("scan classes: [green, red], images: 12")
                    .contains("scan unreadable: " + FOLDER_DENIED)
                    .contains("features warning: " + FOLDER_DENIED)
                    .contains("features samples: 11")
                    .contains("features problem: " + FOLDER_DENIED).contains("features problem: " + FILE_DENIED)
                    .contains("train labels: [green, red]")
                    .contains("train problem: " + FOLDER_DENIED).contains("train problem: " + FILE_DENIED)
                    .containsPattern("unreadable +" + java.util.regex.Pattern.quote(FOLDER_DENIED))
                    .containsPattern("unreadable +" + java.util.regex.Pattern.quote(FILE_DENIED))
                    .contains("audit exit: 0");
            assertThat(dir.resolve("colours.loupe")).isRegularFile();
            DatasetHashes.assertUnchanged(ds, before);
            Results.note(Unprivileged.how() + "; " + FOLDER_DENIED + "; " + FILE_DENIED);
        });
    }
}
