package dev.loupe.ui.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.loupe.engine.explain.HeatMap;
import dev.loupe.engine.explain.HeatMapPainter;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.jobs.JobHandle;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The one way the studio shows what a model looked at: heat maps of a photo for a class, computed in a job on a queue
 * of their own (never on the FX thread, never behind training), with one run of the backbone per photo and model
 * kept in a memory cache bounded by bytes, so showing another class of the same photo, or the photo again, costs the
 * head's gradient and the colouring only. Keyed by model file, photo file and the photo's modification time.
 * Requests and results belong to the FX thread.
 */
public final class HeatMapService implements AutoCloseable {

    /** About 200 photos' feature maps for the bundled MobileNets (1280 x 7 x 7 floats at most). */
    static final long MEMORY_BYTES = 64L << 20;
    /** The overlay's long side in pixels: the map is smooth (7x7 cells), so the view scales it up without loss. */
    static final int OVERLAY_SIDE = 384;

    private final JobExecutor queue;
    private final Executor fx;
    private final HeatMapBackend backend;
    private final Cache<Key, HeatMapBackend.Explained> memory;

    private record Key(Path model, Path image, FileTime modified) {
    }

    /**
     * A heat map ready to lay over its photo, or why there is none.
     *
     * @param overlay the coloured map at the photo's aspect ratio, fully opaque where hottest (the view sets the
     *                opacity); null when {@code problem} says why there is none
     * @param cached  whether the photo's run of the model came from memory
     */
    public record Overlay(String label, double probability, Image overlay, String problem, boolean cached) {

        static Overlay failed(String problem) {
            return new Overlay(null, Double.NaN, null, problem, false);
        }
    }

    public HeatMapService(JobExecutor queue, Executor fx, HeatMapBackend backend) {
        this.queue = queue;
        this.fx = fx;
        this.backend = backend;
        this.memory = Caffeine.newBuilder().maximumWeight(MEMORY_BYTES)
                .weigher((Key k, HeatMapBackend.Explained e) -> (int) Math.min(Integer.MAX_VALUE, e.bytes()))
                .executor(Runnable::run).build();
    }

    /**
     * Computes the map of {@code label} (null: the photo's most probable class) for {@code image} under
     * {@code model} in a job and hands it to {@code done} on the FX thread. Running the returned handle cancels it
     * if it has not started, and {@code done} is then not called.
     */
    public Runnable compute(Path model, Path image, String label, Consumer<Overlay> done) {
        JobHandle<Overlay> job = queue.submit("Heat map of " + image.getFileName(), m -> overlay(model, image, label));
        job.result().whenComplete((overlay, error) -> {
            if (!job.isCancelled()) {
                fx.execute(() -> done.accept(error != null ? Overlay.failed(Failures.describe(error)) : overlay));
            }
        });
        return job::cancel;
    }

    private Overlay overlay(Path model, Path image, String label) throws Exception {
        Key key = new Key(model, image, Files.getLastModifiedTime(image));
        HeatMapBackend.Explained explained = memory.getIfPresent(key);
        boolean cached = explained != null;
        if (!cached) {
            explained = backend.explain(model, image);
            memory.put(key, explained);
        }
        int cls = label == null ? explained.top() : explained.labels().indexOf(label);
        if (cls < 0) {
            return Overlay.failed("The model has no class " + label + ", so there is no map of it.");
        }
        HeatMap map = explained.maps().apply(cls);
        return new Overlay(map.label(), map.probability(), paint(map, explained.width(), explained.height()), null,
                cached);
    }

    /** The map coloured at the photo's aspect ratio, {@value #OVERLAY_SIDE} px on its long side at most. */
    private static Image paint(HeatMap map, int photoWidth, int photoHeight) {
        double scale = Math.min(1, OVERLAY_SIDE / (double) Math.max(1, Math.max(photoWidth, photoHeight)));
        int w = Math.max(1, (int) Math.round(photoWidth * scale));
        int h = Math.max(1, (int) Math.round(photoHeight * scale));
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(),
                HeatMapPainter.overlay(map, w, h, 1), 0, w);
        return image;
    }

    /** The colour scale as an image, {@code w x h}: the legend beside every overlay. */
    public static Image legend(int w, int h) {
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), HeatMapPainter.legend(w, h),
                0, w);
        return image;
    }

    /** How many photos' runs are held in memory now. */
    long cachedPhotos() {
        memory.cleanUp();
        return memory.estimatedSize();
    }

    @Override
    public void close() {
        memory.invalidateAll();
        backend.close();
    }
}
