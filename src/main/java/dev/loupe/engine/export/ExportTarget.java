package dev.loupe.engine.export;

import dev.loupe.engine.util.DiskFull;
import dev.loupe.engine.util.OutputGuard;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where an export is written: a staging folder beside the user's target (same disk, so the final move is a rename),
 * into which the exporter writes; {@link #commit} flushes every file and moves the result into place whole. A file
 * replaces a previous file of that name; a folder replaces a previous folder only when it holds nothing but files
 * this export writes too (a previous export), so no file of the user's is ever lost. {@link OutputGuard} decides
 * whether the target may be written at all (never the model it exports, nothing among a dataset's images).
 */
final class ExportTarget implements AutoCloseable {

    private final Path target;
    private final Exporter.Output kind;
    private final Path staging;
    private final Path staged;

    private ExportTarget(Path target, Exporter.Output kind, Path staging) {
        this.target = target;
        this.kind = kind;
        this.staging = staging;
        this.staged = staging.resolve(target.getFileName().toString());
    }

    static ExportTarget prepare(Path target, Exporter.Output kind, Path modelFile) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (kind == Exporter.Output.FILE) {
            OutputGuard.check(target, List.of(modelFile));
        } else {
            OutputGuard.checkFolder(target, List.of(modelFile));
        }
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        return new ExportTarget(absolute, kind, Files.createTempDirectory(parent, "." + absolute.getFileName() + "."));
    }

    /** Where the exporter writes: a file to create, or a folder to create and fill. */
    Path staged() {
        return staged;
    }

    /** Flushes what the exporter wrote and moves it into place; returns the files, relative to the target. */
    List<String> commit() throws IOException {
        if (!Files.exists(staged)) {
            throw new IllegalStateException("the exporter wrote nothing at " + staged);
        }
        List<String> files = files(staged);
        try {
            for (String f : files) {
                try (FileChannel c = FileChannel.open(kind == Exporter.Output.FILE ? staged : staged.resolve(f),
                        StandardOpenOption.WRITE)) {
                    c.force(true);
                }
            }
            if (kind == Exporter.Output.FILE) {
                move(staged, target);
            } else {
                replaceFolder(files);
            }
        } catch (IOException e) {
            throw DiskFull.causedBy(staging, e) ? DiskFull.explain(target, "write", e) : e;
        }
        return files;
    }

    private void replaceFolder(List<String> written) throws IOException {
        if (Files.isDirectory(target)) {
            for (String old : files(target)) {
                if (!written.contains(old)) {
                    throw new ExportException(target + " already holds " + old + ", which this export does not "
                            + "write: choose a new folder (Loupe replaces a folder only when it holds a previous "
                            + "export and nothing else).");
                }
            }
            move(target, staging.resolve("previous"));
        }
        move(staged, target);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<String> files(Path root) throws IOException {
        if (Files.isRegularFile(root)) {
            return List.of(root.getFileName().toString());
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.add(root.relativize(p).toString().replace('\\', '/'));
            }
        }
        return out;
    }

    /** Removes the staging folder: what an export that failed wrote, or the previous export it replaced. */
    @Override
    public void close() throws IOException {
        if (!Files.exists(staging)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
