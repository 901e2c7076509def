package dev.loupe.engine.embedding;

import java.util.List;

/**
 * Where a new image goes on a finished map: at the similarity-weighted mean position of its k nearest neighbours in
 * feature space. t-SNE has no mapping for unseen points, and re-running it would move every point the user has
 * already looked at. openTSNE's {@code transform} starts from this same neighbour average and then optimises the new
 * point alone; that refinement mostly pulls it deeper into the cluster it is already in, so for "show me where my
 * photo lands and what it resembles" the average is enough, instant and deterministic.
 *
 * @param x          map position
 * @param y          map position
 * @param neighbours the neighbours it was placed among, most similar first
 */
public record Placement(float x, float y, List<Neighbour> neighbours) {

    public static Placement place(float[] features, NeighbourIndex index, TsneLayout layout, int k) {
        List<Neighbour> nbrs = index.nearest(features, k);
        if (nbrs.isEmpty()) {
            return new Placement(0, 0, nbrs);
        }
        double wx = 0;
        double wy = 0;
        double total = 0;
        for (Neighbour nb : nbrs) {
            // Negative similarity means "unlike": it must not pull the point, so it gets no weight.
            double w = Math.max(0, nb.similarity());
            wx += w * layout.x()[nb.index()];
            wy += w * layout.y()[nb.index()];
            total += w;
        }
        if (total <= 0) {
            Neighbour first = nbrs.get(0);
            return new Placement(layout.x()[first.index()], layout.y()[first.index()], nbrs);
        }
        return new Placement((float) (wx / total), (float) (wy / total), nbrs);
    }
}
