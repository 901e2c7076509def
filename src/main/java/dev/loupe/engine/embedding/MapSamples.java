package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.features.Sample;

import java.util.List;

/**
 * Reported as a partial result before the layout starts: which images the coming partial {@link TsneLayout}s are
 * of, so a watcher can colour points by class while the map is still forming.
 */
public record MapSamples(List<Sample> samples) implements Partial {

    public MapSamples {
        samples = List.copyOf(samples);
    }
}
