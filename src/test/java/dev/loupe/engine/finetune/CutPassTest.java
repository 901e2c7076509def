package dev.loupe.engine.finetune;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSplit;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.jobs.Partial;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cut maps taken in the features' own backbone pass (one pass) against the features extracted, then the backbone
 * run again up to the cut (two passes), on 60 real flower photos with MobileNet v1 0.25 cut below its last block: the
 * same features, the same cut files byte for byte; in another order, the same records; a cancel leaves no file.
 */
class CutPassTest {

    static final double VALIDATION_PERCENT = 20;
    static BackboneDescriptor descriptor;
    static BackboneTop top;

    @TempDir
    Path one;
    @TempDir
    Path two;
    @TempDir
    Path exports;

    @BeforeAll
    static void load() throws Exception {
        descriptor = BackboneRegistry.bundled().require("mobilenet-v1-0.25");
        top = BackboneTop.find(BackboneLoader.load(descriptor), 1);
    }

    @Test
    void onePassGivesTheFeaturesAndCutFilesOfTwoPasses() throws Exception {
        flowers(one);
        flowers(two);
        Path folderOne = one.resolve("maps");
        FeatureSet onePass;
        Map<String, Path> filesOne = new HashMap<>();
        try (CutPass pass = new CutPass(top, folderOne, h -> DatasetSplit.isValidation(h, VALIDATION_PERCENT))) {
            onePass = features(one, pass, JobMonitor.silent());
            for (String role : List.of("train", "validation")) {
                List<String> hashes = hashes(onePass, role);
                Path file = CutCache.file(top, role, hashes, folderOne);
                assertThat(CutCache.take(top, role, file, hashes, pass)).isTrue();
                filesOne.put(role, file);
            }
        }
        FeatureSet twoPass = features(two, null, JobMonitor.silent());
        assertThat(onePass.extracted()).isEqualTo(60);
        assertThat(twoPass.samples()).hasSameSizeAs(onePass.samples());
        for (int i = 0; i < onePass.samples().size(); i++) {
            Sample a = onePass.samples().get(i);
            Sample b = twoPass.samples().get(i);
            assertThat(a.hash()).isEqualTo(b.hash());
            assertThat(a.features()).hasSize(descriptor.featureDim());
            for (int d = 0; d < a.features().length; d++) {
                assertThat(a.features()[d]).isCloseTo(b.features()[d], org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
        try (CutRunner runner = new CutRunner(top)) {
            for (String role : List.of("train", "validation")) {
                List<Sample> rows = split(twoPass, role);
                Path file = two.resolve(role + ".bin");
                runner.extract(rows.stream().map(s -> s.image().file()).toList(), file, 2);
                assertThat(Files.mismatch(filesOne.get(role), file)).as(role).isEqualTo(-1L);
            }
        }
        // Only the two cut files are left: the pass's own files were moved into place.
        try (Stream<Path> left = Files.list(folderOne)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactlyInAnyOrderElementsOf(filesOne.values().stream()
                            .map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void photosInAnotherOrderAreCopiedRecordByRecord() throws Exception {
        flowers(one);
        Path folder = one.resolve("maps");
        try (CutPass pass = new CutPass(top, folder, h -> DatasetSplit.isValidation(h, VALIDATION_PERCENT))) {
            FeatureSet set = features(one, pass, JobMonitor.silent());
            List<String> train = hashes(set, "train");
            List<String> reversed = new ArrayList<>(train);
            Collections.reverse(reversed);
            reversed.add(train.get(0)); // a photo twice in the folder
            Path copy = folder.resolve("copy.bin");
            assertThat(pass.handOver("train", reversed, copy)).isTrue();
            Path inOrder = folder.resolve("in-order.bin");
            assertThat(pass.handOver("train", train, inOrder)).isTrue();
            assertThat(pass.handOver("validation", List.of("not a photo of the pass"), folder.resolve("x.bin")))
                    .isFalse();
            try (CutActivations.Reader a = new CutActivations.Reader(copy);
                 CutActivations.Reader b = new CutActivations.Reader(inOrder)) {
                assertThat(a.count()).isEqualTo(train.size() + 1);
                for (int i = 0; i < reversed.size(); i++) {
                    assertThat(record(a, i)).isEqualTo(record(b, train.indexOf(reversed.get(i))));
                }
            }
            assertThat(folder.resolve("x.bin")).doesNotExist();
        }
    }

    @Test
    void aCancelDuringThePassLeavesNoCutFile() throws Exception {
        flowers(one);
        Path folder = one.resolve("maps");
        JobMonitor cancelling = new JobMonitor() {
            volatile boolean inPass;
            volatile int progress;

            @Override public void stage(String name) { inPass = name.startsWith("Extracting features and cut maps"); }
            @Override public void progress(long done, long total) { progress += inPass ? 1 : 0; }
            @Override public void status(String message) { }
            @Override public void warning(String message) { }
            @Override public void partial(Partial record) { }
            @Override public boolean isCancelled() { return progress >= 1; }
        };
        try (CutPass pass = new CutPass(top, folder, h -> false)) {
            assertThatThrownBy(() -> features(one, pass, cancelling)).isInstanceOf(CancelledException.class);
        }
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    private FeatureSet features(Path root, CutPass pass, JobMonitor monitor) throws Exception {
        try (Catalogue c = Catalogue.open(root)) {
            return new FeatureService(ExtractorFactory.onnx(exports)).features(new DatasetScanner().scan(root), c,
                    descriptor, pass, monitor);
        }
    }

    private static List<Sample> split(FeatureSet set, String role) {
        return set.samples().stream()
                .filter(s -> DatasetSplit.isValidation(s.hash(), VALIDATION_PERCENT) == role.equals("validation"))
                .toList();
    }

    private static List<String> hashes(FeatureSet set, String role) {
        return split(set, role).stream().map(Sample::hash).toList();
    }

    private static byte[] record(CutActivations.Reader r, int index) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(r.shape().values());
        r.readRaw(index, b);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** 12 photos of each of the 5 classes. */
    private static void flowers(Path root) throws Exception {
        Path from = Path.of("../shared/datasets/flowers-small");
        try (Stream<Path> classes = Files.list(from)) {
            for (Path c : classes.filter(Files::isDirectory).sorted().toList()) {
                Path to = Files.createDirectories(root.resolve(c.getFileName().toString()));
                try (Stream<Path> photos = Files.list(c)) {
                    for (Path p : photos.sorted().limit(12).toList()) {
                        Files.copy(p, to.resolve(p.getFileName().toString()));
                    }
                }
            }
        }
    }
}
