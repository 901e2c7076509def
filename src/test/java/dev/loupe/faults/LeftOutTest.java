package dev.loupe.faults;

import dev.loupe.engine.audit.AuditFinding;
import dev.loupe.engine.audit.DatasetAuditor;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.jobs.ForwardingMonitor;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.workflow.TrainOutcome;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files that look like data but that Loupe does not use are named, with the reason, by the scan, by training and by
 * the audit (the studio shows the same sentences: CurateViewModelTest): HEIC and AVIF photos, nested folders, a hidden
 * class folder, photos at the top of the dataset, a link to a class folder (which once trained as a duplicate class),
 * a link to an image, a text file.
 */
class LeftOutTest {

    @TempDir Path dir;

    @Test
    void everythingLeftOutIsNamedByTheScanTrainingAndTheAudit() throws Exception {
        Results.check("folders", "files Loupe does not use: HEIC/AVIF, nested and hidden folders, loose photos, "
                        + "a linked class folder, a linked image",
                "scan, training (warnings) and audit (findings) name each kind with its reason; the linked "
                        + "folder is not a class; training uses the two real classes", () -> {
            Path ds = TestImages.dataset(dir.resolve("ds"), 6, Color.RED, Color.BLUE);
            Files.write(ds.resolve("red/IMG_1.HEIC"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'});
            Files.write(ds.resolve("red/IMG_2.heic"), new byte[] {1});
            Files.write(ds.resolve("blue/cat.avif"), new byte[] {2});
            TestImages.png(ds.resolve("red/more/deep.png"), Color.RED, 32, 80);
            TestImages.png(ds.resolve(".cats/cat.png"), Color.GREEN, 32, 81);
            TestImages.png(ds.resolve("loose1.png"), Color.GREEN, 32, 82);
            TestImages.png(ds.resolve("loose2.jpg"), Color.GREEN, 32, 83);
            Files.createSymbolicLink(ds.resolve("reds"), ds.resolve("red"));
            Files.createSymbolicLink(ds.resolve("blue/link.png"), ds.resolve("red/img0.png"));
            Files.writeString(ds.resolve("red/notes.txt"), "taken in May");
            Files.writeString(ds.resolve("README.txt"), "a dataset");

            DatasetSnapshot snap = new DatasetScanner().scan(ds);
            assertThat(snap.classes()).containsExactly("blue", "red");
            assertThat(snap.images()).hasSize(12);
            assertThat(snap.looseImages()).containsExactly("loose1.png", "loose2.jpg");
            List<String> expected = List.of(
                    "2 photos are in the inbox (directly in the dataset folder, not in a class folder): they "
                            + "are left out of training until labelled (loose1.png, loose2.jpg)",
                    "1 AVIF photo is not supported yet: convert it to JPEG or PNG (blue/cat.avif)",
                    "2 HEIC photos are not supported yet: convert them to JPEG or PNG (red/IMG_1.HEIC, "
                            + "red/IMG_2.heic)",
                    "1 folder inside class folders is left out with its images: classes are not nested; move the "
                            + "images up into a class folder (red/more)",
                    "1 hidden folder is not a class (a name starting with '.' hides a folder); rename it to use its "
                            + "images (.cats)",
                    "1 link to a folder is not a class: Loupe does not follow links in a dataset; put the folder "
                            + "itself there (reds)",
                    "1 link is not an image: Loupe does not follow links in a dataset; put the photo itself there "
                            + "(blue/link.png)",
                    "1 file in class folders is not an image (red/notes.txt)");
            assertThat(snap.notes()).containsExactlyElementsOf(expected);

            List<String> warnings = new CopyOnWriteArrayList<>();
            TrainOutcome trained = SlowWork.workflow().run(ds, SlowWork.config(2), dir.resolve("m.loupe"),
                    warningsTo(warnings));
            assertThat(trained.manifest().labels()).containsExactly("blue", "red");
            assertThat(warnings).containsAll(expected);

            List<String> audit = new DatasetAuditor().audit(snap, JobMonitor.silent()).findings().stream()
                    .filter(f -> f.kind() == AuditFinding.Kind.LEFT_OUT).map(AuditFinding::message).toList();
            assertThat(audit).containsExactlyElementsOf(expected);
            Results.note(expected.get(2));
        });
    }

    private static JobMonitor warningsTo(List<String> out) {
        return new ForwardingMonitor(JobMonitor.silent()) {
            @Override public void warning(String message) { out.add(message); }
        };
    }
}
