package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.Partial;

/**
 * A 2-D layout, final or partial: point i sits at (x[i], y[i]). The arrays are fresh copies owned by this record,
 * so it can cross threads (a job reports it, the UI draws it); nobody may write to them.
 *
 * @param iteration  steps done so far
 * @param iterations steps planned in all
 */
public record TsneLayout(int iteration, int iterations, float[] x, float[] y) implements Partial {

    public int size() {
        return x.length;
    }

    public boolean finished() {
        return iteration >= iterations;
    }
}
