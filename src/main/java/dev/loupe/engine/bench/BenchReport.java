package dev.loupe.engine.bench;

import java.util.List;
import java.util.Map;

/**
 * What {@code loupe bench} measured. Rates are images per second; NaN where a figure was not measured; a part left
 * out with {@code --skip} gives an empty list or null.
 *
 * @param decodeOnly   images/s of the pipeline with a network that does nothing: the decoding ceiling
 * @param heatMaps     heat maps for one photo, warm, per backbone measured
 * @param headTraining seconds to train the default head on random features, as {@code headSetup} describes
 * @param retrain      the training job after adding photos to a dataset whose other features are cached
 * @param maps         PCA + t-SNE of a dataset map, by number of points
 * @param neighbours   nearest-neighbour queries, one row per index kind and size
 * @param studioStart  launching the studio's JVM until its main window is shown
 * @param phonePhotos  12-megapixel JPEGs end to end and decoded, against djpeg (only with {@code --scale})
 * @param peakRssMb    peak resident set size of the whole bench process (the studio's own JVM not included)
 * @param peakHeapMb   the sum of the heap pools' peaks over the whole bench
 * @param memory       the same two peaks as they stood after each part, to tell which part raised them
 * @param failures     parts that failed, with why (the other parts still ran)
 */
public record BenchReport(int cores, List<Extraction> extraction, double decodeOnly, List<Latency> classify,
                          List<HeatMapLatency> heatMaps, double headTraining, String headSetup, Retrain retrain, List<MapTiming> maps,
                          List<NeighbourQuery> neighbours, StudioStart studioStart, PhonePhotos phonePhotos,
                          double peakRssMb,
                          double peakHeapMb, List<MemoryMark> memory, Map<String, String> failures) {

    /**
     * One backbone on one runtime.
     *
     * @param openSeconds      time to get a ready extractor (DL4J: load weights; ONNX: read the cached export and
     *                         start a session)
     * @param exportSeconds    ONNX only: the first-run cost of loading with DL4J and exporting (NaN for DL4J)
     * @param inference          images/s by batch size, on prepared tensors, on every core (ONNX: one one-thread
     *                           caller per core; DL4J: one call spread over the cores)
     * @param inferenceOneThread ONNX only: the same on one thread (batches 1 and 8); empty for DL4J
     * @param endToEnd           images/s from JPEG files through the pipeline as Loupe runs it (ONNX: each core
     *                           decodes and runs the network), over {@code endToEndImages} images after as long a
     *                           warm-up (ONNX; DL4J's few photos are timed cold)
     * @param endToEndOneCaller  ONNX only: the same with one network caller, the decoders on the other cores
     */
    public record Extraction(String backbone, String runtime, double openSeconds, double exportSeconds,
                             Map<Integer, Double> inference, Map<Integer, Double> inferenceOneThread,
                             double endToEnd, int endToEndImages, double endToEndOneCaller) {
    }

    /** Warm latency of classifying one photo (decode, prepare, backbone, head), in milliseconds. */
    public record Latency(String backbone, String runtime, double p50, double p95, int runs) {
    }

    /**
     * Warm latency of a heat map for one photo on ONNX Runtime, in milliseconds: decoding, one backbone run for the
     * features and the feature maps, the head, the gradient for the top class and colouring the map at
     * {@code side}x{@code side}; with the machine's one-minute load average before and after (other work on the
     * machine slows a latency figure).
     */
    public record HeatMapLatency(String backbone, int side, double p50, double p95, int runs, double loadBefore,
                                 double loadAfter) {
    }

    /**
     * A retrain through the real {@code TrainJob}: a first job on {@code photos} fills the feature cache, then
     * {@code added} photos are put in and the second job is timed end to end (scan, hashes, features, head
     * training, evaluation, saving the model and the run record).
     *
     * @param firstSeconds   the first job, which extracts every photo
     * @param seconds        the second job: the figure of interest; {@code cpuSeconds} the process's CPU time meanwhile
     * @param extracted      features the second job extracted (should be {@code added})
     * @param cached         features the second job took from the cache
     * @param epochs         epochs the second job's head ran (early stopping)
     * @param stages         where the second job's time went, stage by stage
     * @param head           the second job's head: what the search chose and why, or the settings as set
     * @param accuracy       the second job's validation accuracy
     * @param asGivenSeconds the same retrain with the head as given, no search (NaN when the defaults do not search),
     *                       with its CPU time and validation accuracy
     */
    /**
     * Phone-sized JPEGs (see {@code PhonePhotoBench}), images/s on every core.
     *
     * @param megabytes    mean file size
     * @param endToEnd     JPEG to features as Loupe extracts (one pass after a short warm-up)
     * @param decodeScaled decoding and preparing the network's input alone, libjpeg-turbo scaled in the DCT domain
     * @param decodeImageIo the same through ImageIO's subsampling, Loupe's route before
     * @param djpegEighth  {@code djpeg -scale 1/8}, one process per file, mean of a run before and one after
     * @param djpegMissing why djpeg did not run, or null
     * @param loadBefore   the machine's one-minute load average before, and after
     */
    public record PhonePhotos(String backbone, int photos, int width, int height, double megabytes, double endToEnd,
                              double decodeScaled, double decodeImageIo, double djpegEighth, String djpegMissing,
                              double loadBefore, double loadAfter) {
    }

    public record Retrain(String backbone, String runtime, int photos, int added, String data, double firstSeconds,
                          int firstExtracted, double seconds, double cpuSeconds, int extracted, int cached, int epochs,
                          List<Stage> stages, String head, double accuracy, double asGivenSeconds,
                          double asGivenCpuSeconds, double asGivenAccuracy) {
    }

    /** One stage of a job as its monitor named it, how long it took and the CPU time the process used meanwhile. */
    public record Stage(String name, double seconds, double cpuSeconds) {
    }

    /**
     * Laying out a dataset map as the studio does: PCA to {@code pcaDims}, then Barnes-Hut t-SNE, defaults.
     *
     * @param tsneCpuSeconds   CPU time of the process during the t-SNE (all threads)
     * @param loadBefore       one-minute load average before, and {@code loadAfter} after (reference included)
     * @param reference        the reference run on the same PCA input ("scikit-learn 1.2.1"), "" if none, or why not
     * @param referenceSeconds its t-SNE's wall time; {@code referenceTrust} its trustworthiness(10)
     * @param trust            trustworthiness(10) of Loupe's layout by the reference's function (NaN without one)
     */
    public record MapTiming(int points, int dim, int pcaDims, String data, double pcaSeconds, double tsneSeconds,
                            double tsneCpuSeconds, double loadBefore, double loadAfter, String reference,
                            double referenceSeconds, double referenceTrust, double trust) {
    }

    /**
     * Similar-image queries on one index kind.
     *
     * @param index        which index ("exact cosine"; an approximate index adds its own rows)
     * @param buildSeconds time to build the index from the vectors
     * @param recall       share of the exact top {@code k} the index returned, over the queries (1 for exact)
     * @param buildCpuSeconds process CPU time of the build, all threads (NaN where not measured)
     * @param indexMb      heap the index holds beyond the vectors it was given, after a GC (NaN where not measured)
     */
    public record NeighbourQuery(String index, int vectors, int dim, int k, String data, double buildSeconds,
                                 double p50Millis, double p95Millis, int queries, double recall,
                                 double buildCpuSeconds, double indexMb) {
    }

    /**
     * The studio's start, or why it was not measured.
     *
     * @param launchToShownMillis from starting the {@code java} process to reading the window's "shown" line
     * @param jvmUptimeMillis     the studio JVM's own uptime when the window was shown
     * @param notMeasured         null when measured, else why not (no display, the studio failed to start...)
     */
    public record StudioStart(double launchToShownMillis, double jvmUptimeMillis, String notMeasured) {
    }

    /** Peak memory as it stood after {@code part} ran. */
    public record MemoryMark(String part, double peakRssMb, double peakHeapMb) {
    }
}
