package dev.loupe.ui.curate;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.features.KeptExtractors;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.jobs.JobMonitor;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Where the audit's feature-based pass gets its features, if anywhere. Runs inside the audit job (it may load a
 * backbone and extract for minutes); returns null when no backbone can be used, and the audit keeps to the fast checks.
 */
@FunctionalInterface
interface AuditFeatures {

    FeatureSet compute(DatasetSnapshot snapshot, JobMonitor monitor) throws Exception;

    /** No feature pass: the fast checks only. */
    static AuditFeatures none() {
        return (s, m) -> null;
    }

    /** The default backbone through the catalogue's feature cache, as {@code loupe dataset audit --features} does. */
    static AuditFeatures standard() {
        return (snapshot, monitor) -> {
            Optional<BackboneDescriptor> backbone = BackboneRegistry.standard().find(BackboneRegistry.DEFAULT_ID);
            if (backbone.isEmpty()) {
                return null;
            }
            try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
                return new FeatureService(KeptExtractors.studio()).features(snapshot, catalogue, backbone.get(),
                        monitor);
            } catch (BackboneException e) {
                LoggerFactory.getLogger(AuditFeatures.class).info("Audit without features: {}", e.getMessage());
                return null;
            }
        };
    }
}
