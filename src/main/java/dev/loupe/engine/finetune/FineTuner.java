package dev.loupe.engine.finetune;

import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.training.ClassWeights;
import dev.loupe.engine.training.EarlyStopping;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.TemperatureScaling;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.RampSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fine-tunes the top of a backbone with its head: the photos' maps at the cut (computed once by {@link CutRunner},
 * kept by {@link CutCache}), the top started from a linear head ({@link StartHead}), Adam with a warm-up and a linear
 * decay, early stopping on validation loss with the best epoch's weights kept ({@link EarlyStopping}, as for a
 * head). Each epoch is reported as an {@link EpochMetrics}; cancelling stops it at the next batch.
 */
public final class FineTuner {

    /** The stage in which the backbone runs up to the cut (once per photo, then cached). */
    public static final String CUT_STAGE = "Running the backbone to the cut";
    /** How the training stage's name begins ({@link #stageName}); its progress counts batches over all epochs. */
    public static final String STAGE_PREFIX = "Fine-tuning";
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    /**
     * The photos of one split, in order, and for training the augmented variants the run trains on: a variant is
     * its photo's file under the variant's key, so the frozen part runs once per photo and variant, as the features do.
     *
     * @param hashes their content hashes, a variant's key ({@code Augmentation.key}) for a variant: the cache's key
     * @param y      class indices
     */
    public record Photos(List<Path> files, List<String> hashes, int[] y) {
        public Photos {
            if (files.size() != hashes.size() || files.size() != y.length) {
                throw new IllegalArgumentException("photos, hashes and labels differ in count");
            }
        }

        public int size() {
            return y.length;
        }
    }

    /**
     * What fine-tuning produced.
     *
     * @param network       the top at its best epoch (input {@link BackboneTop#INPUT}, output {@link BackboneTop#HEAD})
     * @param startAccuracy validation accuracy of the top before any step (the linear head's); NaN without validation
     * @param validation    the best epoch's probabilities for the validation photos, in order
     * @param temperature   calibration fitted on those (1 without validation)
     */
    public record Result(BackboneTop top, ComputationGraph network, List<EpochMetrics> history, int bestEpoch,
                         double startAccuracy, float[][] validation, double temperature) {
        public Result {
            history = List.copyOf(history);
        }
    }

    /**
     * @param cacheFolder a folder of Loupe's own for the cut maps (the dataset's {@code .loupe/finetune})
     */
    public Result tune(BackboneTop top, Photos train, Photos validation, int classes, StartHead start,
                       FineTuneSettings settings, Path cacheFolder, JobMonitor monitor)
            throws IOException, BackboneException {
        return tune(top, train, validation, classes, start, settings, cacheFolder, Checkpoint.none(), monitor);
    }

    /**
     * @param checkpoint written after each epoch; when it resumes, checked against these photos and settings (before
     *                   any work) and continued from, the head {@code start} then unused
     */
    public Result tune(BackboneTop top, Photos train, Photos validation, int classes, StartHead start,
                       FineTuneSettings settings, Path cacheFolder, Checkpoint checkpoint, JobMonitor monitor)
            throws IOException, BackboneException {
        return tune(top, train, validation, classes, start, settings, cacheFolder, checkpoint, null, monitor);
    }

    /**
     * @param pass the cut maps taken in the features' own backbone pass (null: none), used where they hold every
     *             photo of a split; the backbone runs up to the cut only for a split they do not cover
     */
    public Result tune(BackboneTop top, Photos train, Photos validation, int classes, StartHead start,
                       FineTuneSettings settings, Path cacheFolder, Checkpoint checkpoint, CutPass pass,
                       JobMonitor monitor) throws IOException, BackboneException {
        if (train.size() == 0) {
            throw new IllegalArgumentException("No training images: add images to the class folders");
        }
        int batch = Math.min(settings.batchSize(), train.size());
        int steps = (train.size() + batch - 1) / batch;
        // Weighed by inverse class frequency as the head is (ClassWeights), over the rows it trains on.
        float[] weights = settings.classWeights() ? ClassWeights.inverseFrequency(train.y(), classes) : null;
        ComputationGraph net = top.trainable(classes, new Adam(schedule(settings, steps)), settings.weightDecay(),
                settings.seed(), weights);
        start.applyTo(net);
        TopStep trainer = new TopStep(net);  // before the checkpoint makes the updater: it needs the gradient views
        Checkpoint.Identity identity = Checkpoint.Identity.of(top, classes, settings, train, validation);
        CheckpointFile.State restored = checkpoint.restore(identity, net);
        Path trainMaps = CutCache.file(top, "train", train.hashes(), cacheFolder);
        Path validationMaps = CutCache.file(top, "validation", validation.hashes(), cacheFolder);
        boolean trainReady = Files.isRegularFile(trainMaps)
                || CutCache.take(top, "train", trainMaps, train.hashes(), pass);
        boolean validationReady = Files.isRegularFile(validationMaps)
                || CutCache.take(top, "validation", validationMaps, validation.hashes(), pass);
        if (pass != null) {
            pass.close(); // what the splits did not take (up to 2.3 GB for 60,000 photos) is of no further use
        }
        if (!trainReady || !validationReady) {
            monitor.stage(CUT_STAGE);
            try (CutRunner runner = new CutRunner(top)) {
                if (!Files.isRegularFile(trainMaps)) {
                    CutCache.fill(top, "train", trainMaps, train.files(), train.hashes(), runner, THREADS, monitor);
                }
                if (!Files.isRegularFile(validationMaps)) {
                    CutCache.fill(top, "validation", validationMaps, validation.files(), validation.hashes(), runner,
                            THREADS, monitor);
                }
            } catch (ai.onnxruntime.OrtException e) {
                throw new BackboneException("ONNX Runtime failed closing the frozen part: " + e.getMessage(), e);
            }
        }
        try (trainer; CutActivations.Reader trainCut = new CutActivations.Reader(trainMaps);
             CutActivations.Reader validationCut = new CutActivations.Reader(validationMaps)) {
            TopBatches trainBatches = new TopBatches(trainCut, train.y(), classes);
            TopBatches validationBatches = new TopBatches(validationCut, validation.y(), classes);
            monitor.stage(stageName(top));
            double startAccuracy = restored != null ? restored.startAccuracy() : validation.size() == 0 ? Double.NaN
                    : validationBatches.evaluate(trainer, batch, monitor).accuracy();
            return train(top, net, trainer, trainBatches, validationBatches, settings, batch,
                    new Start(startAccuracy, checkpoint, identity, restored), monitor);
        }
    }

    /** Where training starts: the head's accuracy, the checkpoint to write, and the state it resumes (or null). */
    private record Start(double accuracy, Checkpoint checkpoint, Checkpoint.Identity identity,
                         CheckpointFile.State restored) {
    }

    private static Result train(BackboneTop top, ComputationGraph net, TopStep trainer, TopBatches train,
                                TopBatches validation, FineTuneSettings s, int batch, Start start, JobMonitor monitor)
            throws IOException {
        Random shuffle = new Random(s.seed());
        List<EpochMetrics> history = new ArrayList<>();
        EarlyStopping stopping = new EarlyStopping(net, s.patience());
        boolean carryOn = true;
        if (start.restored() != null) {
            // The epochs already run come first (the charts show them), then the run goes on as if never stopped.
            history.addAll(start.restored().history());
            history.forEach(monitor::partial);
            carryOn = stopping.resume(history, Checkpoint.best(start.restored(), net));
            TopBatches.skipEpochs(shuffle, train.size(), history.size());
        }
        int steps = (train.size() + batch - 1) / batch;
        for (int epoch = history.size() + 1; carryOn && epoch <= s.epochs(); epoch++) {
            long done = (long) (epoch - 1) * steps;
            TopBatches.Scores trained = train.epoch(trainer, batch, shuffle,
                    step -> monitor.progress(done + step, (long) s.epochs() * steps), monitor);
            TopBatches.Scores checked = validation.size() == 0 ? null : validation.evaluate(trainer, batch, monitor);
            EpochMetrics m = new EpochMetrics(epoch, trained.loss(), trained.accuracy(),
                    checked == null ? Double.NaN : checked.loss(), checked == null ? Double.NaN : checked.accuracy());
            history.add(m);
            carryOn = stopping.carryOn(m);
            // Before the epoch is reported: a run's record never names an epoch its checkpoint does not hold.
            start.checkpoint().save(start.identity(), net, stopping.bestWeights(), history, start.accuracy());
            monitor.partial(m);
            monitor.status(String.format("epoch %d: loss %.3f, validation loss %.3f, validation accuracy %.3f",
                    epoch, m.trainLoss(), m.validationLoss(), m.validationAccuracy()));
        }
        int bestEpoch = stopping.restoreBest();
        float[][] p = validation.size() == 0 ? new float[0][] : validation.evaluate(trainer, batch, monitor).p();
        double temperature = p.length == 0 ? 1.0 : TemperatureScaling.fit(p, validation.y());
        return new Result(top, net, history, bestEpoch, start.accuracy(), p, temperature);
    }

    /** Linear warm-up over the first {@code warmupShare} of the steps, under a linear decay to 0 at the last one. */
    static ISchedule schedule(FineTuneSettings s, int stepsPerEpoch) {
        int total = s.epochs() * stepsPerEpoch;
        ISchedule decay = new PolySchedule(ScheduleType.ITERATION, s.learningRate(), 1.0, total + 1);
        int warmup = (int) Math.round(s.warmupShare() * total);
        return warmup < 1 ? decay : new RampSchedule(decay, warmup);
    }

    /** "Fine-tuning the last block" or "... the last 2 blocks". */
    public static String stageName(BackboneTop top) {
        return STAGE_PREFIX + " the last " + (top.blocks() == 1 ? "block" : top.blocks() + " blocks");
    }
}
