package dev.loupe.engine.embedding;

import dev.loupe.engine.util.CoreBlocks;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Attraction exactly over the sparse affinities, repulsion approximated by a quadtree: O(n log n) per iteration
 * (van der Maaten 2014, "Accelerating t-SNE using tree-based algorithms"). The tree is built on one thread while
 * the other cores sum the attraction; the walks, one per group of up to 16 nearby points, run on every core.
 * Walking per group rather than per point cut the t-SNE of 10,000 Fashion-MNIST images from 46 to 21 s of CPU at the
 * same trustworthiness (docs/embedding.md).
 */
final class BarnesHutGradient implements Gradient {

    private Affinities p;
    private final int n;
    private final float theta;
    /** Theta while the affinities are exaggerated (the first phase). */
    private final float earlyTheta;
    private final QuadTree tree;
    /** Four blocks a core: a block's walks vary in cost with the density of its points. */
    private final int chunks = Math.max(1, CoreBlocks.cores() * 4);
    private final QuadTree.Walker[] walkers = new QuadTree.Walker[chunks];
    private final double[] zs = new double[chunks];
    /** The layout and the two parts of the gradient in float: the attraction is twice as fast as in double. */
    private final float[] at;
    private final float[] attraction;
    private final float[] repulsion;

    BarnesHutGradient(Affinities p, double theta) {
        this(p, theta, theta);
    }

    BarnesHutGradient(Affinities p, double theta, double earlyTheta) {
        this.p = p;
        this.n = p.size();
        this.theta = (float) theta;
        this.earlyTheta = (float) earlyTheta;
        this.at = new float[2 * n];
        this.attraction = new float[2 * n];
        this.repulsion = new float[2 * n];
        for (int c = 0; c < chunks; c++) {
            walkers[c] = new QuadTree.Walker();
        }
        this.tree = new QuadTree(n);
    }

    @Override
    public void compute(double[] y, double[] grad, double exaggeration) {
        for (int k = 0; k < 2 * n; k++) {
            at[k] = (float) y[k];
        }
        // The tree's build is serial: the other cores sum the attraction meanwhile, which does not need the tree.
        ForkJoinTask<?> build = ForkJoinPool.commonPool().submit(() -> tree.build(at, n));
        float e = (float) exaggeration;
        CoreBlocks.run(chunks, c -> attract(e, from(n, c), from(n, c + 1)));
        build.join();
        int groups = tree.groups();
        float t = exaggeration != 1 ? earlyTheta : theta;
        CoreBlocks.run(chunks, c -> zs[c] = repel(c, t, from(groups, c), from(groups, c + 1)));
        double z = 0;
        for (double part : zs) {
            z += part; // summed in a fixed order: same seed, same map, whatever the threads did
        }
        double invZ = z > 0 ? 1 / z : 0;
        for (int k = 0; k < 2 * n; k++) {
            grad[k] = attraction[k] + repulsion[k] * invZ;
        }
    }

    @Override
    public int[] spatialOrder() {
        return tree.order(n);
    }

    @Override
    public void renumber(int[] order) {
        p = p.permuted(order);
    }

    private int from(int count, int chunk) {
        return CoreBlocks.start(count, chunk, chunks);
    }

    /** Repulsion on the points of groups [from, to), written into {@link #repulsion}; returns their share of Z. */
    private double repel(int chunk, float t, int from, int to) {
        QuadTree.Walker walker = walkers[chunk];
        double z = 0;
        for (int g = from; g < to; g++) {
            z += tree.repelGroup(g, t, walker, repulsion);
        }
        return z;
    }

    private void attract(float exaggeration, int from, int to) {
        int[] start = p.rowStart();
        int[] cols = p.cols();
        float[] vals = p.vals();
        float[] y = at;
        for (int i = from; i < to; i++) {
            float xi = y[2 * i];
            float yi = y[2 * i + 1];
            float ax = 0;
            float ay = 0;
            for (int m = start[i]; m < start[i + 1]; m++) {
                int j = cols[m];
                float dx = xi - y[2 * j];
                float dy = yi - y[2 * j + 1];
                float w = vals[m] * exaggeration / (1 + dx * dx + dy * dy);
                ax += w * dx;
                ay += w * dy;
            }
            attraction[2 * i] = ax;
            attraction[2 * i + 1] = ay;
        }
    }
}
