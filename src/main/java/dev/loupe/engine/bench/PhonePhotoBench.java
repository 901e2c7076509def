package dev.loupe.engine.bench;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.image.ImageDecoder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Phone photos: {@code count} JPEGs of 4000 x 3000 made from the bench's photos with sensor noise ({@link LargePhotos}),
 * timed in one run four ways: end to end to features as Loupe extracts them, decoding and preparing alone with
 * libjpeg-turbo's DCT scaling (Loupe's route) and with ImageIO's subsampling (Loupe's route before it), and
 * libjpeg-turbo's own {@code djpeg -scale 1/8} on the same files, one process per file, as many at once as cores:
 * the hardware's pace, which the target is a fraction of. djpeg runs before and after the others, as the
 * machine's load drifts.
 */
record PhonePhotoBench(int count) {

    static final PhonePhotoBench DEFAULT = new PhonePhotoBench(100);

    BenchReport.PhonePhotos run(BackboneDescriptor d, ExtractorFactory onnx, List<Path> sources) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        try (TempFolder temp = new TempFolder("loupe-bench-phone")) {
            List<Path> photos = LargePhotos.write(sources, count, temp.path().resolve("photos"));
            long bytes = 0;
            for (Path p : photos) {
                bytes += Files.size(p);
            }
            double load = load();
            String djpegMissing = null;
            double djpeg1 = Double.NaN;
            try {
                djpeg1 = djpegRate(photos, cores, temp.path());
            } catch (IOException e) {
                djpegMissing = "djpeg not run: " + e.getMessage();
            }
            double endToEnd;
            double scaled;
            double imageIo;
            try (FeatureExtractor ort = onnx.open(d)) {
                // One pass to warm up (JIT, ONNX Runtime's first runs), then one timed.
                Timing.endToEndRate(ort, photos.subList(0, Math.min(20, photos.size())));
                endToEnd = Timing.endToEndRate(ort, photos);
                scaled = decodeRate(photos, cores, ort.inputSpec(), true);
                imageIo = decodeRate(photos, cores, ort.inputSpec(), false);
            }
            double djpeg2 = djpegMissing == null ? djpegRate(photos, cores, temp.path()) : Double.NaN;
            return new BenchReport.PhonePhotos(d.id(), photos.size(), LargePhotos.WIDTH, LargePhotos.HEIGHT,
                    bytes / 1e6 / photos.size(), endToEnd, scaled, imageIo, (djpeg1 + djpeg2) / 2, djpegMissing,
                    load, load());
        }
    }

    /** Decoding and preparing the network's input alone, on every core. */
    private static double decodeRate(List<Path> photos, int threads, InputSpec spec, boolean dctScaling)
            throws Exception {
        int side = Math.max(spec.width(), spec.height());
        return parallelRate(photos, threads, file -> {
            float[] tensor = new float[spec.valuesPerImage()];
            ImagePreparer.prepare(ImageDecoder.decode(file, null, side, dctScaling), spec, tensor, 0);
        });
    }

    /** {@code djpeg -scale 1/8} on every file, one process each, {@code threads} at once; its output is dropped. */
    private static double djpegRate(List<Path> photos, int threads, Path scratch) throws Exception {
        Path out = scratch.resolve("djpeg-out");
        Files.createDirectories(out);
        return parallelRate(photos, threads, file -> {
            Path ppm = out.resolve(Thread.currentThread().getName() + ".ppm");
            Process p = new ProcessBuilder("djpeg", "-scale", "1/8", "-outfile", ppm.toString(), file.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (p.waitFor() != 0) {
                throw new IOException("djpeg failed on " + file);
            }
        });
    }

    private interface Work {
        void on(Path file) throws Exception;
    }

    /** Files per second of {@code work} over all {@code photos}, shared out among {@code threads} threads. */
    private static double parallelRate(List<Path> photos, int threads, Work work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < photos.size() && failure.get() == null;
                     i = next.getAndIncrement()) {
                    try {
                        work.on(photos.get(i));
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "loupe-bench-phone-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return photos.size() / Timing.seconds(start);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
