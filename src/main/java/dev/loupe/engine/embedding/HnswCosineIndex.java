package dev.loupe.engine.embedding;

import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import dev.loupe.engine.jobs.JobMonitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Approximate cosine search with an HNSW graph (hnswlib-core) over one-byte codes of the normalised vectors projected
 * on the dataset's top principal axes ({@link ReducedCode}), whose candidates are then ranked again by their exact
 * cosine on the full vectors: a query visits a few thousand short codes instead of every vector, at the price of
 * sometimes missing a true neighbour (recall@10 is measured in docs/embedding.md). Rows of the dataset sit in slots of the graph; {@link #update} keeps the slots
 * of rows still there, so photos coming and going cost an insertion each, not a new graph.
 */
public final class HnswCosineIndex implements NeighbourIndex {

    /**
     * The graph's knobs: {@code m} links per node, {@code efConstruction} candidates while inserting (build time vs
     * graph quality), {@code ef} candidates while searching, all of them then re-ranked (query time vs recall), and
     * the {@code dimensions} of the codes the graph compares (build time vs how well the graph finds candidates).
     */
    public record Params(int m, int efConstruction, int ef, int dimensions) {
        /**
         * From {@code NeighbourIndexBenchmark} on 100,000 feature-like vectors (docs/embedding.md, 2026-12-03): codes on
         * 128 principal axes took 133 s of CPU to build against 229 s for the full 1,280 dimensions, and the ef = 150
         * candidates, re-ranked, hold 0.983 of the exact top 10 (0.957 at ef = 100); on 64 axes the build took 108 s
         * and found only 0.88 at ef = 150. M = 16 and efConstruction = 100 as before: M = 12 and efConstruction = 64
         * saved a fifth of the build and lost recall at 100,000.
         */
        public static final Params DEFAULT = new Params(16, 100, 150, 128);
    }

    /** Rows sampled to fit the principal axes: enough for the top few hundred, about a second at 1,280-d. */
    private static final int FIT_ROWS = 10_000;

    /**
     * The graph, the key of the row in each slot (null: removed) and the projection its codes were made with: what is
     * saved, and what updates start from.
     */
    record Keyed(HnswIndex<Integer, ReducedCode, CodeGraph.Slot, Float> graph, String[] keys, Pca.Basis basis) {
    }

    private final Keyed keyed;
    private final Params params;
    private final int dim;
    private final float[][] vectors;
    private final float[] inverseNorms;
    private final int[] rowOfSlot;
    private final int[] slotOfRow;
    private final int changes;

    private HnswCosineIndex(Keyed keyed, Params params, int dim, float[][] vectors, int[] slotOfRow, int changes) {
        this.keyed = keyed;
        this.params = params;
        this.dim = dim;
        this.vectors = vectors;
        this.slotOfRow = slotOfRow;
        this.changes = changes;
        this.rowOfSlot = new int[keyed.keys().length];
        Arrays.fill(rowOfSlot, -1);
        for (int row = 0; row < slotOfRow.length; row++) {
            rowOfSlot[slotOfRow[row]] = row;
        }
        this.inverseNorms = new float[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            double norm = Math.sqrt(dot(vectors[i], vectors[i]));
            inverseNorms[i] = norm > 0 ? (float) (1 / norm) : 0;
        }
    }

    /**
     * Builds the graph on every core, reporting progress and stopping when the job is cancelled. Insertion order is
     * not fixed across threads, so two builds of the same vectors may differ slightly.
     */
    public static HnswCosineIndex build(float[][] vectors, Params params, JobMonitor monitor) {
        String[] keys = new String[vectors.length];
        Arrays.setAll(keys, Integer::toString);
        return build(vectors, keys, params, monitor);
    }

    /** {@link #build(float[][], Params, JobMonitor)} with the key of each row (unique), for {@link #update}. */
    static HnswCosineIndex build(float[][] vectors, String[] keys, Params params, JobMonitor monitor) {
        int n = vectors.length;
        int dim = n == 0 ? 0 : vectors[0].length;
        Pca.Basis basis = basis(vectors, params.dimensions());
        Keyed keyed = new Keyed(CodeGraph.empty(basis.dimensions(), n, params), keys.clone(), basis);
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        ReducedCode[] codes = codes(basis, vectors);
        GraphInserts.insert(keyed.graph(), i -> codes[i], rows, monitor);
        return new HnswCosineIndex(keyed, params, dim, vectors, rows, n);
    }

    /**
     * The graph {@code from} brought to the dataset as it is now ({@code vectors}, each row's key): a row whose key
     * is in a slot and whose code is the one stored there keeps its slot; slots of rows gone, or changed, are removed,
     * and new or changed rows are inserted. Removed slots stay in the graph as waypoints, so past a quarter of them
     * a new graph is better: then null; so is a projection fitted on fewer rows than it has axes now. The graph is
     * changed in place.
     */
    static HnswCosineIndex update(Keyed from, float[][] vectors, String[] keys, JobMonitor monitor) {
        var graph = from.graph();
        Pca.Basis basis = from.basis();
        int dim = basis.inputs();
        int axes = Math.min(Params.DEFAULT.dimensions(), Math.min(vectors.length, dim));
        if (basis.dimensions() < axes) {
            return null;
        }
        Map<String, Integer> slotByKey = new HashMap<>();
        int dead = 0;
        for (int slot = 0; slot < from.keys().length; slot++) {
            if (from.keys()[slot] == null) {
                dead++;
            } else {
                slotByKey.put(from.keys()[slot], slot);
            }
        }
        int[] slotOfRow = new int[vectors.length];
        for (float[] v : vectors) {
            if (v.length != dim) {
                return null;
            }
        }
        ReducedCode[] codes = codes(basis, vectors);
        List<Integer> added = new ArrayList<>();
        List<Integer> gone = new ArrayList<>();
        for (int row = 0; row < vectors.length; row++) {
            Integer slot = slotByKey.remove(keys[row]);
            ReducedCode now = codes[row];
            if (slot != null && graph.get(slot).map(s -> s.vector().sameAs(now)).orElse(false)) {
                slotOfRow[row] = slot;
            } else {
                if (slot != null) {
                    gone.add(slot); // the same photo with other content (or a node not in the graph)
                }
                added.add(row);
            }
        }
        gone.addAll(slotByKey.values());
        int total = from.keys().length + added.size();
        if (dead + gone.size() > total / 4 + 16) {
            return null;
        }
        String[] slotKeys = Arrays.copyOf(from.keys(), total);
        for (int slot : gone) {
            graph.remove(slot, 0);
            slotKeys[slot] = null;
        }
        int[] rows = added.stream().mapToInt(Integer::intValue).toArray();
        int[] slots = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            slots[i] = from.keys().length + i;
            slotKeys[slots[i]] = keys[rows[i]];
            slotOfRow[rows[i]] = slots[i];
        }
        if (graph.getMaxItemCount() < total) {
            graph.resize(Math.max(total, graph.getMaxItemCount() + graph.getMaxItemCount() / 2));
        }
        GraphInserts.insert(graph, i -> codes[rows[i]], slots, monitor);
        Params params = new Params(graph.getM(), graph.getEfConstruction(), graph.getEf(), basis.dimensions());
        return new HnswCosineIndex(new Keyed(graph, slotKeys, basis), params, dim, vectors, slotOfRow,
                rows.length + gone.size());
    }

    @Override
    public int size() {
        return vectors.length;
    }

    public Params params() {
        return params;
    }

    Keyed keyed() {
        return keyed;
    }

    /** Slots added or removed by the build or update that made this index: 0 when the saved graph was current. */
    int changes() {
        return changes;
    }

    /**
     * The same graph searched with another {@code ef}, so a benchmark can sweep it without rebuilding. The graph is
     * shared and the library keeps ef in it: this index then searches with the new ef too.
     */
    HnswCosineIndex withSearchEf(int ef) {
        keyed.graph().setEf(ef);
        return new HnswCosineIndex(keyed, new Params(params.m(), params.efConstruction(), ef, params.dimensions()), dim, vectors,
                slotOfRow, changes);
    }

    @Override
    public List<Neighbour> nearest(float[] query, int k, int exclude) {
        if (size() > 0 && query.length != dim) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, the index " + dim);
        }
        if (k <= 0 || size() == 0) {
            return List.of();
        }
        int skip = exclude >= 0 && exclude < size() ? slotOfRow[exclude] : -1;
        List<SearchResult<CodeGraph.Slot, Float>> found = keyed.graph()
                .findNearest(code(keyed.basis(), query), Math.max(params.ef(), k + 1));
        float[] unit = CosineIndex.normalised(query);
        float[] sims = new float[found.size()];
        int[] rows = new int[found.size()];
        int n = 0;
        for (SearchResult<CodeGraph.Slot, Float> r : found) {
            int slot = r.item().id();
            int row = slot != skip && slot < rowOfSlot.length ? rowOfSlot[slot] : -1;
            if (row >= 0) {
                rows[n] = row;
                sims[n++] = dot(unit, vectors[row]) * inverseNorms[row];
            }
        }
        List<Neighbour> top = TopSimilar.of(sims, 0, n, Math.min(k, n), -1);
        List<Neighbour> out = new ArrayList<>(top.size());
        for (Neighbour nb : top) {
            out.add(new Neighbour(rows[nb.index()], nb.similarity()));
        }
        return out;
    }

    /** The principal axes of the unit vectors, fitted on rows spread evenly over the dataset. */
    private static Pca.Basis basis(float[][] vectors, int dimensions) {
        int n = Math.min(vectors.length, FIT_ROWS);
        float[][] sample = new float[n][];
        for (int i = 0; i < n; i++) {
            sample[i] = CosineIndex.normalised(vectors[(int) ((long) i * vectors.length / n)]);
        }
        return Pca.fit(sample, dimensions, 42);
    }

    /** What the graph holds of each vector, in blocks on every core: as {@link #code} makes them, to the bit. */
    private static ReducedCode[] codes(Pca.Basis basis, float[][] vectors) {
        int block = 16;
        ReducedCode[] out = new ReducedCode[vectors.length];
        java.util.stream.IntStream.range(0, (vectors.length + block - 1) / block).parallel().forEach(b -> {
            int from = b * block;
            float[][] unit = new float[Math.min(block, vectors.length - from)][];
            for (int r = 0; r < unit.length; r++) {
                unit[r] = CosineIndex.normalised(vectors[from + r]);
            }
            float[][] z = basis.project(unit);
            for (int r = 0; r < unit.length; r++) {
                out[from + r] = ReducedCode.of(z[r]);
            }
        });
        return out;
    }

    /** What the graph holds of a vector; the same vector gives the same code every time. */
    private static ReducedCode code(Pca.Basis basis, float[] v) {
        return ReducedCode.of(basis.project(CosineIndex.normalised(v)));
    }

    /** Eight independent sums, for the re-rank: one chain of float additions would wait on each. */
    public static float dot(float[] a, float[] b) {
        int n = a.length;
        int i = 0;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (; i + 7 < n; i += 8) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
            s4 += a[i + 4] * b[i + 4];
            s5 += a[i + 5] * b[i + 5];
            s6 += a[i + 6] * b[i + 6];
            s7 += a[i + 7] * b[i + 7];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
