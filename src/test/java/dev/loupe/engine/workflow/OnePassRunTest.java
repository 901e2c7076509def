package dev.loupe.engine.workflow;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.finetune.FineTuner;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.training.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first fine-tuning run on a folder runs the backbone once per photo: its stages name the features and cut maps
 * taken together and no run up to the cut, and it leaves the two cut files alone in {@code .loupe/finetune}. With the
 * features cached and the cut files gone, the next run says it runs the backbone to the cut, and writes the same files.
 */
class OnePassRunTest {

    @TempDir
    Path root;

    @Test
    void aFirstRunTakesTheCutMapsInTheFeaturesPassAndALaterOneRunsTheCutAgain() throws Exception {
        for (String label : List.of("daisy", "roses", "tulips")) {
            Files.createDirectories(root.resolve(label));
            try (Stream<Path> photos = Files.list(Path.of("sample-datasets/flowers", label))) {
                for (Path p : photos.sorted().limit(20).toList()) {
                    Files.copy(p, root.resolve(label).resolve(p.getFileName()));
                }
            }
        }
        TrainingConfig config = TrainingConfig.defaults().withBackbone("mobilenet-v1-0.25").withFineTune(1);
        TrainWorkflow workflow = new TrainWorkflow(BackboneRegistry.bundled(),
                ExtractorFactory.onnx(root.resolve("onnx-cache")));
        Path folder = FineTuneStep.cacheFolder(root);

        Stages first = new Stages();
        workflow.run(root, config, root.resolve("first.loupe"), first);
        assertThat(first.names).anyMatch(s -> s.startsWith("Extracting features and cut maps: 60 new, 0 cached"))
                .doesNotContain(FineTuner.CUT_STAGE);
        Map<String, byte[]> once = files(folder);
        assertThat(once.keySet()).hasSize(2).allMatch(name -> name.startsWith("cut-"));

        for (String name : once.keySet()) {
            Files.delete(folder.resolve(name));
        }
        Stages second = new Stages();
        workflow.run(root, config, root.resolve("second.loupe"), second);
        assertThat(second.names).contains("Extracting features: 0 new, 60 cached", FineTuner.CUT_STAGE);
        Map<String, byte[]> again = files(folder);
        assertThat(again.keySet()).isEqualTo(once.keySet());
        for (String name : once.keySet()) {
            assertThat(again.get(name)).as(name).isEqualTo(once.get(name));
        }
    }

    private static Map<String, byte[]> files(Path folder) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static final class Stages implements JobMonitor {
        final List<String> names = new CopyOnWriteArrayList<>();

        @Override public void stage(String name) { names.add(name); }
        @Override public void progress(long done, long total) { }
        @Override public void status(String message) { }
        @Override public void warning(String message) { }
        @Override public void partial(Partial record) { }
        @Override public boolean isCancelled() { return false; }
    }
}
