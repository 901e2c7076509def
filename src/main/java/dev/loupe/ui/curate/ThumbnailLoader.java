package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.thumbs.ThumbnailStore;
import javafx.application.Platform;
import javafx.scene.image.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Loads thumbnails off the FX thread. The queue is last-in-first-out, so the cells the user scrolled to are served
 * before those already scrolled past, and a cell that gets a new image cancels its old request; a result is
 * published only if it is still the cell's latest request (mzmine's LatestTaskScheduler idea).
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
    private volatile ThumbnailStore store;

    ThumbnailLoader() {
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

    void setStore(ThumbnailStore store) {
        this.store = store;
    }

    /** The cached image if it is in memory; call on the FX thread. */
    Image cached(Path file) {
        return memory.get(file);
    }

    /** Loads in the background and hands the image to {@code done} on the FX thread unless cancelled first. */
    Future<?> load(Path file, Consumer<Image> done) {
        ThumbnailStore s = store;
        return pool.submit(() -> {
            if (s == null || Thread.currentThread().isInterrupted()) {
                return;
            }
            try {
                Image image = new Image(s.thumbnail(file).toUri().toString());
                if (image.isError()) {
                    // A cached file cut short by a crash (they are not flushed to disk): make it again.
                    image = new Image(s.remake(file).toUri().toString());
                }
                Image shown = image;
                Platform.runLater(() -> {
                    memory.put(file, shown);
                    done.accept(shown);
                });
            } catch (Exception e) {
                LOG.debug("No thumbnail for {}: {}", file, e.toString());
                Platform.runLater(() -> done.accept(null));
            }
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
