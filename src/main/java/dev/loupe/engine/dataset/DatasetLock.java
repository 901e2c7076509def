package dev.loupe.engine.dataset;

import dev.loupe.engine.catalogue.Catalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One Loupe process at a time writes to a dataset. The lock is an OS file lock on {@code .loupe/lock} beside the
 * catalogue (in the user's data folder when the dataset is read-only), so a process that dies, even by kill -9,
 * releases it and the next one takes it over. The file holds the holder's pid, start time and purpose for the
 * message the next process shows. Within one process the lock is shared and counted: the studio's panes and jobs
 * coordinate through the engine's own synchronization, the lock only keeps other processes out.
 */
public final class DatasetLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetLock.class);
    /** Locked byte, far past the holder text: Windows locks are mandatory, and the text must stay readable. */
    private static final long LOCK_AT = Long.MAX_VALUE - 1;
    private static final Map<Path, Held> HELD = new HashMap<>();

    private static final class Held {
        final FileChannel channel;
        final FileLock lock;
        int users = 1;

        Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }

    private final Path file;
    private final Held held;
    private boolean closed;

    private DatasetLock(Path file, Held held) {
        this.file = file;
        this.held = held;
    }

    /** Where the lock of {@code datasetRoot} lives: beside its catalogue. */
    public static Path lockFile(Path datasetRoot) {
        return Catalogue.locate(datasetRoot).resolveSibling("lock");
    }

    /**
     * Takes the dataset's lock for this process. Throws {@link DatasetInUseException} when another live process has
     * it. When no lock file can be made at all (no writable place), logs why and returns a lock that holds nothing:
     * refusing would stop a user from even reading their data.
     */
    public static DatasetLock acquire(Path datasetRoot, String purpose) throws DatasetInUseException {
        Path root = datasetRoot.toAbsolutePath().normalize();
        Path file = lockFile(root);
        if (!Files.isDirectory(root)) {
            // Nothing to guard; the caller reports the missing folder in its own words.
            return new DatasetLock(file, null);
        }
        synchronized (HELD) {
            Held h = HELD.get(file);
            if (h != null) {
                h.users++;
                return new DatasetLock(file, h);
            }
            try {
                Held taken = take(root, file, purpose);
                HELD.put(file, taken);
                return new DatasetLock(file, taken);
            } catch (DatasetInUseException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not lock {} ({}); going on without a lock", root, e.toString());
                return new DatasetLock(file, null);
            }
        }
    }

    private static Held take(Path root, Path file, String purpose) throws IOException {
        Files.createDirectories(file.getParent());
        // Never through a link: taking the lock truncates the file (Catalogue.locate already avoids linked ones).
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        try {
            FileLock lock = ch.tryLock(LOCK_AT, 1, false);
            LockHolder previous = LockHolder.parse(read(ch));
            if (lock == null) {
                throw new DatasetInUseException(root, previous);
            }
            if (previous != null && previous.pid() != ProcessHandle.current().pid()) {
                // The OS freed the lock, so its holder is gone (crashed or killed) and left its details behind.
                LOG.info("Taking over the lock of {} left by {}", root, previous.describe());
            }
            byte[] text = LockHolder.current(purpose).format().getBytes(StandardCharsets.UTF_8);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(text), 0);
            ch.force(true);
            return new Held(ch, lock);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    /** Whether this process really holds the OS lock (false when no lock file could be made). */
    public boolean held() {
        return held != null;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        synchronized (HELD) {
            if (closed || held == null) {
                closed = true;
                return;
            }
            closed = true;
            if (--held.users > 0) {
                return;
            }
            HELD.remove(file);
            try (FileChannel ch = held.channel) {
                ch.truncate(0);
                held.lock.release();
            } catch (IOException e) {
                LOG.warn("Could not release the lock {}: {}", file, e.toString());
            }
        }
    }
}
