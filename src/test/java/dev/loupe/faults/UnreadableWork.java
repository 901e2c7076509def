package dev.loupe.faults;

import dev.loupe.cli.Cli;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.jobs.ForwardingMonitor;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.workflow.TrainOutcome;
import dev.loupe.testing.FakeExtractor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by {@link PermissionsTest} in a child JVM that permissions really apply to (see {@link Unprivileged}): first
 * proves it may not read the folder and the file, then scans, extracts features, trains and audits (the audit through
 * the real CLI), printing one line per thing seen for the parent to check. {@code args}: dataset, folder, file, model.
 */
public final class UnreadableWork {

    private UnreadableWork() {
    }

    public static void main(String[] args) throws Exception {
        Path ds = Path.of(args[0]);
        System.out.println("probe folder: " + probeFolder(ds.resolve(args[1])));
        System.out.println("probe file: " + probeFile(ds.resolve(args[2])));

        DatasetSnapshot snap = new DatasetScanner().scan(ds);
        System.out.println("scan classes: " + snap.classes() + ", images: " + snap.images().size());
        snap.unreadable().forEach(u -> System.out.println("scan unreadable: " + u));

        try (Catalogue c = Catalogue.open(ds)) {
            FeatureSet set = new FeatureService(new FakeExtractor().factory()).features(snap, c,
                    FakeExtractor.DESCRIPTOR, warnings("features"));
            System.out.println("features samples: " + set.samples().size());
            set.problems().forEach(p -> System.out.println("features problem: " + p));
        }

        TrainOutcome trained = SlowWork.workflow().run(ds, SlowWork.config(3), Path.of(args[3]), warnings("train"));
        System.out.println("train labels: " + trained.manifest().labels());
        trained.problems().forEach(p -> System.out.println("train problem: " + p));

        System.out.flush();
        int exit = Cli.commandLine().execute("dataset", "audit", ds.toString());
        System.out.println("audit exit: " + exit);
    }

    private static String probeFolder(Path folder) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
            return "READABLE (" + s.iterator().hasNext() + ")";
        } catch (IOException e) {
            return "denied (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String probeFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return "READABLE (" + in.read() + ")";
        } catch (IOException e) {
            return "denied (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** A monitor that prints the warnings a job gives as it runs. */
    private static JobMonitor warnings(String job) {
        return new ForwardingMonitor(JobMonitor.silent()) {
            @Override
            public void warning(String message) {
                System.out.println(job + " warning: " + message);
            }
        };
    }
}
