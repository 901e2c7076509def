package dev.loupe.ui.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.loupe.engine.dataset.thumbs.ThumbnailStore;
import dev.loupe.engine.image.ImageResizer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one way the studio shows an image small: the Curate grid, the map's in-place thumbnails and hover card, the
 * results table, the similar-images strip and the misclassified strip all ask here, so one image is decoded once and
 * held once, in one memory cache bounded by bytes. Images of the dataset go through its disk cache
 * ({@link ThumbnailStore}, {@value ThumbnailStore#SIZE} px); a photo from elsewhere (dropped on Classify) is made in
 * memory only, so nothing about it is written into the dataset. Views scale the image to their size.
 *
 * <p>The queue is last-in-first-out, so what the user scrolled to is served before what was scrolled past; one file
 * is loaded once however many ask; a load nobody waits for any more is cancelled before it starts (mzmine's
 * LatestTaskScheduler idea). All methods except the loading itself run on the FX thread.
 */
public final class ThumbnailService implements AutoCloseable {

    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailService.class);
    /** About 500 thumbnails of 256 x 256: a few screens of the grid at any zoom, plus the map's. */
    static final long MEMORY_BYTES = 128L << 20;

    private final ThreadPoolExecutor pool;
    /** Keyed by the file (the stored thumbnail) or by a {@link Fitted} (that thumbnail at one display size). */
    private final Cache<Object, Image> memory;
    private final Map<Object, Load> inFlight = new HashMap<>();
    private final Set<Load> prefetched = new HashSet<>();
    /** Run once the prefetched loads are done ({@link #whenPrefetched}). */
    private final List<Runnable> afterPrefetch = new ArrayList<>();
    private volatile Path root;
    private volatile ThumbnailStore store;

    /** A file's thumbnail scaled to fit a box of width x height pixels. */
    private record Fitted(Path file, int width, int height) {
    }

    /** One image being loaded (a file's thumbnail or a fitted one), and who waits for it. */
    private static final class Load {
        final Object key;
        final List<Consumer<Image>> waiting = new ArrayList<>();
        Future<?> task;

        Load(Object key) {
            this.key = key;
        }
    }

    public ThumbnailService() {
        this(MEMORY_BYTES);
    }

    ThumbnailService(long memoryBytes) {
        memory = Caffeine.newBuilder().maximumWeight(memoryBytes)
                .weigher((Object key, Image image) -> bytes(image))
                .executor(Runnable::run)
                .build();
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
        pool.allowCoreThreadTimeOut(true);
    }

    /** A service for the dataset at {@code root}. */
    public static ThumbnailService forDataset(Path root) {
        ThumbnailService service = new ThumbnailService();
        service.setDataset(root);
        return service;
    }

    /** Serves the dataset at {@code root} from now on (null: none); the images of the previous one are let go. */
    public void setDataset(Path root) {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
        this.store = root == null ? null : ThumbnailStore.forDataset(root);
        memory.invalidateAll();
        if (root != null && WARMED_UP.compareAndSet(false, true)) {
            pool.execute(ThumbnailService::warmUp); // the codecs load once a process, not once a dataset
        }
    }

    /**
     * Loads the codecs while the dataset opens, on a thumbnail thread that would otherwise wait for the grid to ask:
     * on a cold thumbnail cache at 100,000 images the thumbnail threads then used about 0.2 s less CPU to the first
     * screen, warm-up included (docs/benchmarks.md, Curate with 100,000 images).
     */
    private static void warmUp() {
        try {
            new Image(new ByteArrayInputStream(ThumbnailStore.warmUp()));
        } catch (Exception | LinkageError e) {
            // Only a head start: the first real thumbnail loads the same things and reports any failure.
            LOG.debug("Thumbnail warm-up failed: {}", e.toString());
        }
    }

    /** The image if it is in memory; else null. */
    public Image cached(Path file) {
        return memory.getIfPresent(file);
    }

    /**
     * Hands the image to {@code done} on the FX thread when loaded (null if it cannot be). Running the returned
     * handle drops the interest; the load is then cancelled if nobody else waits for it.
     */
    public Runnable load(Path file, Consumer<Image> done) {
        return join(inFlight.computeIfAbsent(file, k -> start(file)), done);
    }

    /**
     * The thumbnail of {@code file} scaled to fit a box of {@code width} x {@code height} pixels (aspect ratio kept,
     * one side touching the box), if it is in memory; else null. A view that shows it at that size draws it pixel
     * for pixel: without a GPU, Prism scales and filters every image on every frame, which was most of the render
     * thread's work while the Curate grid scrolled (docs/benchmarks.md, Curate with 100,000 images).
     */
    public Image cachedFitted(Path file, int width, int height) {
        return memory.getIfPresent(new Fitted(file, width, height));
    }

    /** As {@link #load}, for the thumbnail fitted to a box (see {@link #cachedFitted}). */
    public Runnable loadFitted(Path file, int width, int height, Consumer<Image> done) {
        return join(inFlight.computeIfAbsent(new Fitted(file, width, height), k -> start((Fitted) k)), done);
    }

    private Runnable join(Load load, Consumer<Image> done) {
        load.waiting.add(done);
        return () -> {
            load.waiting.remove(done);
            if (load.waiting.isEmpty() && !prefetched.contains(load)) {
                cancel(load);
            }
        };
    }

    /**
     * Puts the thumbnail of {@code file} on {@code view}: at once if in memory, else when loaded, unless the view has
     * been given another file meanwhile. Running the returned handle drops the interest (a reused cell does).
     */
    public Runnable show(Path file, ImageView view) {
        view.getProperties().put(ThumbnailService.class, file);
        Image image = cached(file);
        view.setImage(image);
        if (image != null) {
            return () -> { };
        }
        return load(file, loaded -> {
            if (file.equals(view.getProperties().get(ThumbnailService.class))) {
                view.setImage(loaded);
            }
        });
    }

    /**
     * Starts loading these files before anyone asks (the first screen of a class, while the grid builds its cells).
     * Earlier prefetches nobody waits for are dropped: the user has moved on. The first file is served first.
     */
    public void prefetch(List<Path> files) {
        prefetchKeys(files.stream().map(f -> (Object) f).toList());
    }

    /** As {@link #prefetch}, for the thumbnails fitted to a box (see {@link #cachedFitted}). */
    public void prefetchFitted(List<Path> files, int width, int height) {
        prefetchKeys(files.stream().map(f -> (Object) new Fitted(f, width, height)).toList());
    }

    private void prefetchKeys(List<Object> keys) {
        for (Load old : prefetched) {
            if (old.waiting.isEmpty()) {
                cancel(old);
            }
        }
        prefetched.clear();
        try {
            prefetchAll(keys);
        } finally {
            prefetchDone();
        }
    }

    private void prefetchAll(List<Object> keys) {
        for (int i = keys.size() - 1; i >= 0; i--) {
            Object key = keys.get(i);
            if (memory.getIfPresent(key) == null && !inFlight.containsKey(key)) {
                Load load = key instanceof Fitted f ? start(f) : start((Path) key);
                inFlight.put(key, load);
                prefetched.add(load);
            }
        }
    }

    /**
     * Runs {@code then} on the FX thread once every prefetched thumbnail is loaded (or dropped): at once if none is
     * waited for. The Curate pane's open holds its full scan of the folder until its first screen is loaded, so the
     * two do not share the cores (docs/benchmarks.md, Curate with 100,000 images).
     */
    public void whenPrefetched(Runnable then) {
        if (prefetched.isEmpty()) {
            then.run();
        } else {
            afterPrefetch.add(then);
        }
    }

    private void prefetchDone() {
        if (prefetched.isEmpty() && !afterPrefetch.isEmpty()) {
            List<Runnable> due = List.copyOf(afterPrefetch);
            afterPrefetch.clear();
            due.forEach(Runnable::run);
        }
    }

    /** Bytes the images in memory take now (never above the bound). */
    long memoryBytes() {
        memory.cleanUp();
        return memory.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    /** Cancels a load not started yet; one already running finishes and fills the memory cache. */
    private void cancel(Load load) {
        if (load.task.cancel(false)) {
            inFlight.remove(load.key, load);
        }
    }

    private Load start(Path file) {
        Path datasetRoot = root;
        ThumbnailStore s = store;
        return start(file, () -> read(file, datasetRoot, s));
    }

    /** Scales the thumbnail in memory, or read from the store, on a thumbnail thread; the fitted one is kept. */
    private Load start(Fitted fitted) {
        Path datasetRoot = root;
        ThumbnailStore s = store;
        return start(fitted, () -> {
            Image source = memory.getIfPresent(fitted.file());
            if (source == null) {
                source = read(fitted.file(), datasetRoot, s);
            }
            return source == null ? null : fit(source, fitted.width(), fitted.height());
        });
    }

    private Load start(Object key, java.util.function.Supplier<Image> work) {
        Load load = new Load(key);
        Path datasetRoot = root;
        load.task = pool.submit(() -> {
            Image image = work.get();
            Platform.runLater(() -> {
                inFlight.remove(key, load);
                prefetched.remove(load);
                if (image != null && root == datasetRoot) {
                    memory.put(key, image);
                }
                List.copyOf(load.waiting).forEach(c -> c.accept(image));
                prefetchDone();
            });
        });
        return load;
    }

    /**
     * {@code source} scaled to fit {@code width} x {@code height}, aspect ratio kept: reduced as the store reduces
     * photos ({@link ImageResizer}: halvings, then one bilinear step), enlarged bilinearly as Prism would on screen.
     */
    static Image fit(Image source, int width, int height) {
        double scale = Math.min(width / source.getWidth(), height / source.getHeight());
        int w = Math.max(1, Math.min(width, (int) Math.round(source.getWidth() * scale)));
        int h = Math.max(1, Math.min(height, (int) Math.round(source.getHeight() * scale)));
        if (w == (int) source.getWidth() && h == (int) source.getHeight()) {
            return source;
        }
        return SwingFXUtils.toFXImage(ImageResizer.resize(SwingFXUtils.fromFXImage(source, null), w, h), null);
    }

    private static Image read(Path file, Path datasetRoot, ThumbnailStore s) {
        try {
            if (s == null || !file.toAbsolutePath().normalize().startsWith(datasetRoot)) {
                return SwingFXUtils.toFXImage(ThumbnailStore.scaled(file), null);
            }
            Image image = new Image(s.thumbnail(file).toUri().toString());
            if (image.isError()) {
                // A cached file cut short by a crash (they are not flushed to disk): make it again.
                image = new Image(s.remake(file).toUri().toString());
            }
            return image.isError() ? null : image;
        } catch (Exception e) {
            LOG.debug("No thumbnail for {}: {}", file, e.toString());
            return null;
        }
    }

    private static int bytes(Image image) {
        return (int) Math.min(Integer.MAX_VALUE, 4L * (long) image.getWidth() * (long) image.getHeight());
    }

    @Override
    public void close() {
        pool.shutdownNow();
        memory.invalidateAll();
    }
}
