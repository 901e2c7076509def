package dev.loupe.engine.features;

import ai.onnxruntime.*;
import java.nio.*;
import java.util.*;

/**
 * A benchmark, not a test: ONNX Runtime inference on an exported backbone, input given as a reused direct buffer or
 * as a heap array (which the Java binding copies into a new direct buffer every run), per thread count and spinning
 * setting. Run: {@code java -cp target/test-classes:target/classes:target/lib/* 
 * dev.loupe.engine.features.OrtInputBenchmark FILE.onnx THREADS SPINNING(0|1)} (exports are cached in
 * {@code ~/.cache/loupe/onnx}). Figures: docs/benchmarks.md.
 */
public final class OrtInputBenchmark {
    public static void main(String[] a) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int threads = Integer.parseInt(a[1]);
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            o.addConfigEntry("session.intra_op.allow_spinning", a[2]);
            try (OrtSession s = env.createSession(a[0], o)) {
                for (int b : new int[]{1, 8, 32}) {
                    float[] px = new float[b * 3 * 224 * 224];
                    for (int i = 0; i < px.length; i++) px[i] = (i % 255) / 255f;
                    long[] shape = {b, 3, 224, 224};
                    FloatBuffer direct = ByteBuffer.allocateDirect(px.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
                    direct.put(px).rewind();
                    try (OnnxTensor fixed = OnnxTensor.createTensor(env, direct, shape)) {
                        for (int w = 0; w < 5; w++) s.run(Map.of("input", fixed)).close();
                        int n = Math.max(10, 240 / b);
                        long t0 = System.nanoTime();
                        for (int i = 0; i < n; i++) try (OrtSession.Result r = s.run(Map.of("input", fixed))) { r.get(0).getValue(); }
                        double runOnly = n * b / ((System.nanoTime() - t0) / 1e9);
                        t0 = System.nanoTime();
                        for (int i = 0; i < n; i++) try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(px), shape); OrtSession.Result r = s.run(Map.of("input", t))) { r.get(0).getValue(); }
                        double heap = n * b / ((System.nanoTime() - t0) / 1e9);
                        System.out.printf("threads %d spin %s batch %d: direct reused %.0f img/s, heap array %.0f img/s%n", threads, a[2], b, runOnly, heap);
                    }
                }
            }
        }
    }
}
