package dev.loupe.engine.bench;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.features.Device;
import dev.loupe.engine.features.OrtFeatureExtractor;
import dev.loupe.engine.onnx.ExportedBackbones;
import dev.loupe.engine.util.AppDirs;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The GPU check (src/scripts/gpu-check.sh runs it on a machine with an NVIDIA GPU, Loupe built with -Pcuda): the
 * network's throughput on CUDA at batch 32, 128 and 512 against the CPU's (all cores, its own best batch), on
 * tensors prepared once from real photos so decoding is not measured, and the largest difference between the CUDA
 * and CPU features of the same photos. Fails when CUDA could not be had or the features differ by more than 1e-3;
 * the exit status is the entry point's ({@code dev.loupe.cli.GpuCheckMain}), never the engine's.
 */
public final class GpuCheck {

    static final int[] GPU_BATCHES = {32, 128, 512};
    static final double TOLERANCE = 1e-3;
    private static final long STEADY_NANOS = 5_000_000_000L;

    private GpuCheck() {
    }

    /** Runs the check on the dataset's photos with the backbone {@code id}, printing figures; true when it passed. */
    public static boolean run(Path dataset, String id) throws Exception {
        BackboneDescriptor d = BackboneRegistry.standard().require(id);
        byte[] model = new ExportedBackbones(AppDirs.userCache().resolve("onnx")).load(d);
        List<ImageEntry> images = new DatasetScanner().scan(dataset).images();
        int cores = Runtime.getRuntime().availableProcessors();
        try (OrtFeatureExtractor cpu = OrtFeatureExtractor.open(d, model, cores, Device.CPU);
             OrtFeatureExtractor gpu = OrtFeatureExtractor.open(d, model, 1, Device.CUDA)) {
            if (gpu.device() != Device.CUDA) {
                System.out.println("FAIL: " + gpu.fallback());
                return false;
            }
            int per = cpu.inputSpec().valuesPerImage();
            int n = Math.min(512, images.size());
            float[] tensor = new float[512 * per];
            for (int i = 0; i < 512; i++) {
                ImagePreparer.prepare(images.get(i % n).file(), cpu.inputSpec(), tensor, i * per);
            }
            System.out.printf(Locale.ROOT, "%s on %d photos of %s%n", id, n, dataset);
            System.out.printf(Locale.ROOT, "CPU  %2d cores, batch %3d: %8.1f images/s%n", cores, cpu.batchSize(),
                    throughput(cpu, tensor, cpu.batchSize(), cores));
            for (int batch : GPU_BATCHES) {
                System.out.printf(Locale.ROOT, "CUDA          batch %3d: %8.1f images/s%n", batch,
                        throughput(gpu, tensor, batch, 1));
            }
            double worst = 0;
            for (int from = 0; from < n; from += 32) {
                int count = Math.min(32, n - from);
                float[] slice = java.util.Arrays.copyOfRange(tensor, from * per, (from + count) * per);
                float[][] a = gpu.extract(slice, count);
                float[][] b = cpu.extract(slice, count);
                for (int i = 0; i < count; i++) {
                    for (int j = 0; j < a[i].length; j++) {
                        worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
                    }
                }
            }
            boolean ok = worst <= TOLERANCE;
            System.out.printf(Locale.ROOT, "%s: largest |CUDA - CPU| feature difference %.2e (limit %.0e)%n",
                    ok ? "PASS" : "FAIL", worst, TOLERANCE);
            return ok;
        }
    }

    /** Images per second over about five seconds, {@code threads} callers at once, after one warm-up call. */
    private static double throughput(OrtFeatureExtractor x, float[] tensor, int batch, int threads)
            throws InterruptedException {
        x.extract(tensor, batch);
        long[] images = new long[threads];
        long start = System.nanoTime();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int me = t;
            workers[t] = new Thread(() -> {
                while (System.nanoTime() - start < STEADY_NANOS) {
                    x.extract(tensor, batch);
                    images[me] += batch;
                }
            });
            workers[t].start();
        }
        long total = 0;
        for (int t = 0; t < threads; t++) {
            workers[t].join();
            total += images[t];
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }
}
