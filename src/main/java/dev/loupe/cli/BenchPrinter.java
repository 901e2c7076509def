package dev.loupe.cli;

import dev.loupe.engine.bench.BenchReport;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** {@code loupe bench}'s tables for people; {@code --json} gives the same report for scripts. */
final class BenchPrinter {

    private BenchPrinter() {
    }

    static void print(PrintWriter out, BenchReport r) {
        out.printf("%d cores.%n", r.cores());
        if (!r.extraction().isEmpty()) {
            out.printf("Decoding + resizing alone (pipeline, warm): %s images/s%n%n", f(r.decodeOnly()));
            out.printf("Extraction, images/s      runtime  open s  export s  batch 1  batch 8  batch 32"
                    + "  1 thread: b1   b8  JPEG->features (images)  one network caller%n");
            for (BenchReport.Extraction e : r.extraction()) {
                out.printf(Locale.ROOT, "%-25s %-7s  %6.2f  %8s  %7s  %7s  %8s  %12s %4s  %14s (%5d)  %18s%n",
                        e.backbone(), e.runtime(), e.openSeconds(), f2(e.exportSeconds()), f(e.inference().get(1)),
                        f(e.inference().get(8)), f(e.inference().get(32)), f(e.inferenceOneThread().get(1)),
                        f(e.inferenceOneThread().get(8)), f(e.endToEnd()), e.endToEndImages(),
                        f(e.endToEndOneCaller()));
            }
            out.println("ONNX Runtime: one one-thread caller per core; warm (JPEG->features timed for 3 s after 3 s"
                    + " of warm-up). One network caller: decoders on the other cores. DL4J's few photos cold.");
            out.println();
        }
        if (!r.classify().isEmpty()) {
            out.println("Classify one photo, warm   runtime  p50 ms  p95 ms  runs");
            for (BenchReport.Latency l : r.classify()) {
                out.printf(Locale.ROOT, "%-25s  %-7s %7.1f %7.1f %5d%n", l.backbone(), l.runtime(), l.p50(),
                        l.p95(), l.runs());
            }
            out.printf(Locale.ROOT, "%nHead training: %.1f s (%s)%n%n", r.headTraining(), r.headSetup());
        }
        heatMaps(out, r);
        retrain(out, r.retrain());
        maps(out, r);
        neighbours(out, r);
        phone(out, r.phonePhotos());
        studio(out, r.studioStart());
        out.printf(Locale.ROOT, "Peak RSS: %.0f MB; peak heap (sum of pool peaks): %.0f MB. After each part:",
                r.peakRssMb(), r.peakHeapMb());
        for (BenchReport.MemoryMark m : r.memory()) {
            out.printf(Locale.ROOT, " %s %.0f / %.0f MB;", m.part(), m.peakRssMb(), m.peakHeapMb());
        }
        out.println();
        for (Map.Entry<String, String> failed : r.failures().entrySet()) {
            out.printf("FAILED %s: %s%n", failed.getKey(), failed.getValue());
        }
        out.flush();
    }

    private static void phone(PrintWriter out, BenchReport.PhonePhotos p) {
        if (p == null) {
            return;
        }
        out.printf(Locale.ROOT, "Phone photos: %d JPEGs of %d x %d (%.1f MB each, made from the bench's photos with"
                + " sensor noise), images/s on every core:%n", p.photos(), p.width(), p.height(), p.megabytes());
        out.printf(Locale.ROOT, "  JPEG->features (%s, ONNX Runtime)  %7s%n", p.backbone(), f(p.endToEnd()));
        out.printf(Locale.ROOT, "  decode + prepare, DCT-scaled (libjpeg-turbo)  %7s%n", f(p.decodeScaled()));
        out.printf(Locale.ROOT, "  decode + prepare, ImageIO subsampled          %7s%n", f(p.decodeImageIo()));
        if (p.djpegMissing() == null) {
            out.printf(Locale.ROOT, "  djpeg -scale 1/8, one process per file      %7s  (JPEG->features: %.2f of it)%n",
                    f(p.djpegEighth()), p.endToEnd() / p.djpegEighth());
        } else {
            out.println("  " + p.djpegMissing());
        }
        out.printf(Locale.ROOT, "  load average %.2f before, %.2f after%n%n", p.loadBefore(), p.loadAfter());
    }

    private static void heatMaps(PrintWriter out, BenchReport r) {
        if (r.heatMaps().isEmpty()) {
            return;
        }
        out.println("Heat map for one photo, warm (ONNX)  p50 ms  p95 ms  runs  load before/after");
        for (BenchReport.HeatMapLatency h : r.heatMaps()) {
            out.printf(Locale.ROOT, "%-35s %7.1f %7.1f %5d  %.2f / %.2f%n", h.backbone(), h.p50(), h.p95(), h.runs(),
                    h.loadBefore(), h.loadAfter());
        }
        out.printf("Decode, backbone with its feature maps, head, gradient for the top class, map coloured at %dx%d."
                + "%n%n", r.heatMaps().get(0).side(), r.heatMaps().get(0).side());
    }

    private static void retrain(PrintWriter out, BenchReport.Retrain t) {
        if (t == null) {
            return;
        }
        out.printf(Locale.ROOT, "Retrain after adding %d photos to %d (%s on %s, default settings, backbone kept open"
                        + " between jobs as in the studio; %s):%n",
                t.added(), t.photos(), t.backbone(), t.runtime(), t.data());
        out.printf(Locale.ROOT, "  job %.2f s (CPU %.2f s): %d extracted, %d cached, %d epochs, validation accuracy"
                        + " %.3f (first job, filling the cache: %.1f s, %d extracted)%n", t.seconds(), t.cpuSeconds(),
                t.extracted(), t.cached(), t.epochs(), t.accuracy(), t.firstSeconds(), t.firstExtracted());
        out.print("  stages (CPU):");
        for (BenchReport.Stage s : t.stages()) {
            out.printf(Locale.ROOT, " %s %.2f s (%.2f);", s.name(), s.seconds(), s.cpuSeconds());
        }
        out.printf("%n  head: %s%n", t.head());
        if (!Double.isNaN(t.asGivenSeconds())) {
            out.printf(Locale.ROOT, "  the same retrain with the head as given (no search): job %.2f s (CPU %.2f s),"
                    + " validation accuracy %.3f%n", t.asGivenSeconds(), t.asGivenCpuSeconds(), t.asGivenAccuracy());
        }
        out.printf("%n");
    }

    private static void maps(PrintWriter out, BenchReport r) {
        if (r.maps().isEmpty()) {
            return;
        }
        out.println("Dataset map (PCA-50, then t-SNE with the defaults)          points  PCA s  t-SNE s  (CPU s)"
                + "  load before/after");
        String data = "";
        for (BenchReport.MapTiming m : r.maps()) {
            if (!m.data().equals(data)) {
                data = m.data();
                out.printf("  %s%n", data);
            }
            out.printf(Locale.ROOT, "  %-56s %7d %6.2f %8.2f %8.1f  %.1f / %.1f%n",
                    m.dim() + "-d -> PCA-" + m.pcaDims() + " -> 2-d", m.points(), m.pcaSeconds(), m.tsneSeconds(),
                    m.tsneCpuSeconds(), m.loadBefore(), m.loadAfter());
            if (!m.reference().isEmpty() && Double.isNaN(m.referenceSeconds())) {
                out.printf("    %s%n", m.reference());
            } else if (!m.reference().isEmpty()) {
                out.printf(Locale.ROOT, "    reference, same input: %s t-SNE %.2f s (Loupe %.2f x faster); "
                        + "trustworthiness(10): Loupe %.4f, %s %.4f%n", m.reference(), m.referenceSeconds(),
                        m.referenceSeconds() / m.tsneSeconds(), m.trust(), m.reference(), m.referenceTrust());
            }
        }
        out.println();
    }

    private static void neighbours(PrintWriter out, BenchReport r) {
        if (r.neighbours().isEmpty()) {
            return;
        }
        out.println("Similar images, index      vectors   dim   k  build s  build CPU s  index MB  p50 ms  p95 ms  "
                + "queries  recall@k");
        for (BenchReport.NeighbourQuery q : r.neighbours()) {
            out.printf(Locale.ROOT, "%-24s %9d %5d %3d %8.2f %12.1f %9.0f %7.2f %7.2f %8d %9.3f%n", q.index(),
                    q.vectors(), q.dim(), q.k(), q.buildSeconds(), q.buildCpuSeconds(), q.indexMb(), q.p50Millis(),
                    q.p95Millis(), q.queries(), q.recall());
        }
        r.neighbours().stream().map(BenchReport.NeighbourQuery::data).distinct().forEach(data ->
                out.printf("  data: %s; queries are fresh points from the same clusters%n", data));
        out.println();
    }

    private static void studio(PrintWriter out, BenchReport.StudioStart s) {
        if (s == null) {
            return;
        }
        if (s.notMeasured() != null) {
            out.printf("Studio start to first window: not measured: %s%n%n", s.notMeasured());
        } else {
            out.printf(Locale.ROOT, "Studio start to first window: %.0f ms from launching java (the studio JVM's "
                    + "uptime when shown: %.0f ms; fresh settings, sample dataset)%n%n", s.launchToShownMillis(),
                    s.jvmUptimeMillis());
        }
    }

    private static String f(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
