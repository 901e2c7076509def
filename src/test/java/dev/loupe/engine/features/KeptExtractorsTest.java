package dev.loupe.engine.features;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneState;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.finetune.BackbonePatch;
import dev.loupe.testing.FakeExtractor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KeptExtractorsTest {

    /** Records which backbones were opened and which closed. */
    private static final class Opener implements ExtractorFactory {
        final List<String> opened = new ArrayList<>();
        final List<String> closed = new ArrayList<>();

        @Override
        public FeatureExtractor open(BackboneDescriptor d, BackbonePatch patch) {
            return open(patch == null ? d : backbone(d.id() + "+tuned"));
        }

        @Override
        public FeatureExtractor openWithStock(BackboneDescriptor d, BackbonePatch patch) {
            return open(backbone(d.id() + "+tuned+stock"));
        }

        @Override
        public FeatureExtractor open(BackboneDescriptor d) {
            opened.add(d.id());
            FakeExtractor fake = new FakeExtractor();
            return new FeatureExtractor() {
                @Override public String backboneId() { return d.id(); }
                @Override public InputSpec inputSpec() { return fake.inputSpec(); }
                @Override public int featureDim() { return fake.featureDim(); }
                @Override public int batchSize() { return fake.batchSize(); }
                @Override public float[][] extract(float[] pixels, int count) { return fake.extract(pixels, count); }
                @Override public void close() { closed.add(d.id()); }
            };
        }
    }

    @Test
    void aSecondRetrainReusesTheOpenBackboneAndClosingALeaseKeepsItOpen() throws Exception {
        Opener opener = new Opener();
        KeptExtractors kept = new KeptExtractors(opener);
        try (FeatureExtractor first = kept.open(backbone("a"))) {
            assertThat(first.extract(new float[FakeExtractor.SPEC.valuesPerImage()], 1)).hasDimensions(1, 3);
        }
        try (FeatureExtractor second = kept.open(backbone("a"))) {
            assertThat(second.backboneId()).isEqualTo("a");
        }
        assertThat(opener.opened).containsExactly("a");
        assertThat(opener.closed).isEmpty();
        kept.close();
        assertThat(opener.closed).containsExactly("a");
    }

    @Test
    void theLeastRecentlyUsedBackboneIsClosedPastTheLimit() throws Exception {
        Opener opener = new Opener();
        KeptExtractors kept = new KeptExtractors(opener);
        kept.open(backbone("a")).close();
        kept.open(backbone("b")).close();
        kept.open(backbone("a")).close();
        kept.open(backbone("c")).close();
        assertThat(opener.opened).containsExactly("a", "b", "c");
        assertThat(opener.closed).as("b was used least recently").containsExactly("b");
    }

    @Test
    void theFineTunedBackboneWithTheStockOneIsKeptBesideTheFineTunedOneAlone() throws Exception {
        Opener opener = new Opener();
        KeptExtractors kept = new KeptExtractors(opener);
        BackbonePatch patch = new BackbonePatch(Map.of("layer", Map.of("W", Nd4j.ones(2))));
        kept.openWithStock(backbone("a"), patch).close();
        kept.open(backbone("a"), patch).close();
        kept.openWithStock(backbone("a"), patch).close();
        assertThat(opener.opened).containsExactly("a+tuned+stock", "a+tuned");
        assertThat(opener.closed).isEmpty();
        BackbonePatch other = new BackbonePatch(Map.of("layer", Map.of("W", Nd4j.zeros(2))));
        kept.openWithStock(backbone("a"), other).close();
        assertThat(opener.opened).as("another fine-tuned model").hasSize(3);
        kept.close();
    }

    private static BackboneDescriptor backbone(String id) {
        BackboneDescriptor f = FakeExtractor.DESCRIPTOR;
        return new BackboneDescriptor(id, id, f.format(), f.files(), f.input(), f.cutLayer(), f.featureDim(),
                f.parameters(), f.sizeBytes(), f.licence(), f.source(), BackboneState.BUNDLED);
    }
}
