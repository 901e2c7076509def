package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.thumbs.ThumbnailStore;
import javafx.application.Platform;
import javafx.scene.image.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Loads thumbnails off the FX thread. The queue is last-in-first-out, so the cells the user scrolled to are served
 * before those already scrolled past; a cell that gets a new image drops its interest in the old one, and a load
 * nobody waits for any more is cancelled before it starts (mzmine's LatestTaskScheduler idea). One file is loaded
 * once however many ask: cells and {@link #prefetch} share a load in flight.
 *
 * <p>All methods except the loading itself run on the FX thread.
 */
final class ThumbnailLoader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailLoader.class);
    private static final int MEMORY_ENTRIES = 600;

    private final ThreadPoolExecutor pool;
    private final Map<Path, Image> memory = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Image> eldest) {
            return size() > MEMORY_ENTRIES;
        }
    };
    private final Map<Path, Load> inFlight = new HashMap<>();
    private final Set<Load> prefetched = new HashSet<>();
    private final ThumbnailStore store;

    /** One file being loaded, and who waits for it. */
    private static final class Load {
        final Path file;
        final List<Consumer<Image>> waiting = new ArrayList<>();
        Future<?> task;

        Load(Path file) {
            this.file = file;
        }
    }

    /** Loads from {@code store}: the session's thumbnail files; null loads nothing (benchmarks of the grid alone). */
    ThumbnailLoader(ThumbnailStore store) {
        this.store = store;
        LinkedBlockingDeque<Runnable> lifo = new LinkedBlockingDeque<>() {
            @Override
            public boolean offer(Runnable r) {
                return offerFirst(r);
            }
        };
        pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, lifo, r -> {
            Thread t = new Thread(r, "loupe-thumbnails");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    /** The cached image if it is in memory. */
    Image cached(Path file) {
        return memory.get(file);
    }

    /**
     * Hands the image to {@code done} when loaded (null if it cannot be). Running the returned handle drops the
     * interest; the load is then cancelled if nobody else waits for it.
     */
    Runnable load(Path file, Consumer<Image> done) {
        Load load = inFlight.computeIfAbsent(file, this::start);
        load.waiting.add(done);
        return () -> {
            load.waiting.remove(done);
            if (load.waiting.isEmpty() && !prefetched.contains(load)) {
                cancel(load);
            }
        };
    }

    /**
     * Starts loading these files before any cell asks, so that the thumbnails of a class's first screen are made
     * while the grid is still building its cells. Earlier prefetches nobody waits for are dropped: the user has
     * moved on. The first file is served first.
     */
    void prefetch(List<Path> files) {
        for (Load old : prefetched) {
            if (old.waiting.isEmpty()) {
                cancel(old);
            }
        }
        prefetched.clear();
        for (int i = files.size() - 1; i >= 0; i--) {
            Path file = files.get(i);
            if (!memory.containsKey(file) && !inFlight.containsKey(file)) {
                Load load = start(file);
                inFlight.put(file, load);
                prefetched.add(load);
            }
        }
    }

    /** Cancels a load not started yet; one already running finishes and fills the memory cache. */
    private void cancel(Load load) {
        if (load.task.cancel(false)) {
            inFlight.remove(load.file, load);
        }
    }

    private Load start(Path file) {
        Load load = new Load(file);
        ThumbnailStore s = store;
        load.task = pool.submit(() -> {
            Image image = s == null ? null : read(s, file);
            Platform.runLater(() -> {
                inFlight.remove(file, load);
                prefetched.remove(load);
                if (image != null) {
                    memory.put(file, image);
                }
                List.copyOf(load.waiting).forEach(c -> c.accept(image));
            });
        });
        return load;
    }

    private static Image read(ThumbnailStore s, Path file) {
        try {
            Image image = new Image(s.thumbnail(file).toUri().toString());
            if (image.isError()) {
                // A cached file cut short by a crash (they are not flushed to disk): make it again.
                image = new Image(s.remake(file).toUri().toString());
            }
            return image;
        } catch (Exception e) {
            LOG.debug("No thumbnail for {}: {}", file, e.toString());
            return null;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
