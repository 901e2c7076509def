package dev.loupe.engine.backbone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An import in the making: a hidden folder {@code .import-ID-N} beside the imported backbones, which the listing
 * skips, moved into place as {@code ID} in one rename once it is whole, and removed if the import fails. The process
 * holds an OS lock on {@code .import-ID-N.lock} while it works, so a later start can tell a leftover of an import
 * that was killed (lock free) from one that another Loupe is still making (lock held), and remove only the former.
 */
public final class ImportStaging implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportStaging.class);
    static final String PREFIX = ".import-";

    private final Path folder;
    private final Path lockFile;
    private final FileChannel channel;
    private boolean committed;

    private ImportStaging(Path folder, Path lockFile, FileChannel channel) {
        this.folder = folder;
        this.lockFile = lockFile;
        this.channel = channel;
    }

    /** A new hidden folder for importing {@code id}, locked by this process. */
    public static ImportStaging start(String id) throws IOException {
        Path root = Files.createDirectories(ImportedBackbones.root());
        String name = PREFIX + id + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path lockFile = root.resolve(name + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock();
        return new ImportStaging(Files.createDirectory(root.resolve(name)), lockFile, channel);
    }

    /** The folder's name, used as the backbone's id while it is loaded from here to be checked. */
    public String stagingId() {
        return folder.getFileName().toString();
    }

    public Path folder() {
        return folder;
    }

    /** Moves the whole folder into place as {@code id}; refused if a backbone of that id appeared meanwhile. */
    public Path commit(String id) throws IOException {
        Path target = ImportedBackbones.folder(id);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a backbone with this id was imported "
                    + "meanwhile");
        }
        Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
        return target;
    }

    /** Removes the folder unless it was committed, and the lock. */
    @Override
    public void close() {
        if (!committed) {
            deleteQuietly(folder);
        }
        try {
            channel.close();
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", lockFile, e.getMessage());
        }
    }

    /**
     * Removes what imports that did not finish left: hidden staging folders whose lock no process holds, and folders
     * without a {@code backbone.json} (left by a Loupe before staging existed). Returns how many it removed.
     */
    static int removeLeftovers(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> entries = Files.list(root)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                boolean staging = name.startsWith(PREFIX) && Files.isDirectory(p) && !heldByALiveProcess(p);
                boolean unfinished = !name.startsWith(".") && Files.isDirectory(p)
                        && !Files.exists(p.resolve("backbone.json"));
                if (name.startsWith(PREFIX) && name.endsWith(".lock") && Files.isRegularFile(p)) {
                    Path dir = p.resolveSibling(name.substring(0, name.length() - ".lock".length()));
                    if (!Files.exists(dir)) {
                        heldByALiveProcess(dir); // removes the lock file when no process holds it
                    }
                    continue;
                }
                if (staging || unfinished) {
                    LOG.info("Removing {}, left by an import that did not finish", p);
                    deleteQuietly(p);
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot look for unfinished imports in {}: {}", root, e.getMessage());
        }
        return removed;
    }

    private static boolean heldByALiveProcess(Path folder) {
        Path lockFile = folder.resolveSibling(folder.getFileName() + ".lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel c = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = c.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            Files.deleteIfExists(lockFile);
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this process is making it
        } catch (IOException e) {
            return true; // cannot tell: leave it
        }
    }

    static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            delete(folder);
        } catch (IOException e) {
            LOG.warn("Could not remove the unfinished import in {}: {}", folder, e.getMessage());
        }
    }
}
