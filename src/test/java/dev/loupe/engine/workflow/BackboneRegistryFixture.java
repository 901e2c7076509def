package dev.loupe.engine.workflow;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.testing.FakeExtractor;

import java.util.List;

/** A registry holding the fake test backbone. */
final class BackboneRegistryFixture {

    private BackboneRegistryFixture() {
    }

    static BackboneRegistry withFake() {
        return BackboneRegistry.of(List.of(FakeExtractor.DESCRIPTOR));
    }
}
