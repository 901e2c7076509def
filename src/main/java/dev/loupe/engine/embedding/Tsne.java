package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.JobMonitor;

/**
 * t-SNE as openTSNE runs it: PCA initialisation scaled to a standard deviation of 1e-4, early exaggeration with
 * momentum 0.5, then momentum 0.8, per-coordinate gains (Jacobs 1988), and the layout re-centred every step. It
 * checks for cancellation at every iteration and reports a partial layout every {@code partialEvery} steps.
 */
public final class Tsne {

    /**
     * Iterations between renumberings of the points in the quadtree's order, so that what an iteration reads of a
     * point's neighbours (on the map and in P) sits nearby in memory (docs/embedding.md); 0 never.
     */
    static final int RENUMBER_EVERY = 25;

    private final TsneConfig config;
    private final boolean exact;
    private final int renumberEvery;

    private Tsne(TsneConfig config, boolean exact, int renumberEvery) {
        this.config = config;
        this.exact = exact;
        this.renumberEvery = renumberEvery;
    }

    /** Barnes-Hut on exact k = 3 x perplexity nearest neighbours: the one to use. */
    public static Tsne barnesHut(TsneConfig config) {
        return new Tsne(config, false, RENUMBER_EVERY);
    }

    /** Dense affinities and O(n^2) gradients: a reference for tests, too slow past a few thousand points. */
    public static Tsne exact(TsneConfig config) {
        return new Tsne(config, true, 0);
    }

    /** The same t-SNE renumbering its points every {@code every} iterations (0: never): the map must not change. */
    Tsne renumberingEvery(int every) {
        return new Tsne(config, exact, every);
    }

    public TsneLayout run(float[][] x, JobMonitor monitor) {
        int n = x.length;
        if (n < 4) {
            return trivial(n);
        }
        double perplexity = config.perplexityFor(n);
        Gradient gradient;
        if (exact) {
            monitor.stage("Computing affinities");
            gradient = new ExactGradient(n, ExactGradient.denseAffinities(x, perplexity));
        } else {
            monitor.stage("Finding nearest neighbours");
            KnnGraph graph = KnnGraph.exact(x, (int) Math.min(n - 1, Math.ceil(3 * perplexity)), monitor);
            gradient = new BarnesHutGradient(Affinities.fromNeighbours(graph, perplexity), config.theta(),
                    config.earlyTheta());
        }
        double[] y = initial(x);
        monitor.stage("Optimising the layout");
        return optimise(y, n, gradient, monitor);
    }

    private TsneLayout optimise(double[] y, int n, Gradient gradient, JobMonitor monitor) {
        double[] grad = new double[2 * n];
        double[] update = new double[2 * n];
        double[] gains = new double[2 * n];
        java.util.Arrays.fill(gains, 1);
        // slot[i]: where the caller's point i is now; point[s]: which of the caller's points is at slot s.
        int[] slot = new int[n];
        int[] point = new int[n];
        for (int i = 0; i < n; i++) {
            slot[i] = i;
            point[i] = i;
        }
        double rate = config.learningRateFor(n);
        int total = config.iterations();
        for (int iter = 0; iter < total; iter++) {
            monitor.checkCancelled();
            int[] order = renumberEvery > 0 && iter > 0 && iter % renumberEvery == 0 ? gradient.spatialOrder() : null;
            if (order != null) {
                y = permuted(y, order);
                update = permuted(update, order);
                gains = permuted(gains, order);
                int[] was = point.clone();
                for (int s = 0; s < n; s++) {
                    point[s] = was[order[s]];
                    slot[point[s]] = s;
                }
                gradient.renumber(order);
            }
            boolean early = iter < config.exaggerationIterations();
            double momentum = early ? 0.5 : 0.8;
            gradient.compute(y, grad, early ? config.exaggeration() : 1);
            for (int k = 0; k < 2 * n; k++) {
                // Grow the step where the gradient keeps its direction, shrink it where it flips.
                boolean flipped = Math.signum(grad[k]) != Math.signum(update[k]);
                gains[k] = Math.max(0.01, flipped ? gains[k] + 0.2 : gains[k] * 0.8);
                update[k] = momentum * update[k] - rate * gains[k] * grad[k];
                y[k] += update[k];
            }
            centre(y, slot);
            monitor.progress(iter + 1, total);
            if (config.partialEvery() > 0 && (iter + 1) % config.partialEvery() == 0 && iter + 1 < total) {
                monitor.partial(layout(y, slot, iter + 1));
            }
        }
        return layout(y, slot, total);
    }

    /** Interleaved pairs in a new order: pair s of the result is pair {@code order[s]} of {@code v}. */
    private static double[] permuted(double[] v, int[] order) {
        double[] out = new double[v.length];
        for (int s = 0; s < order.length; s++) {
            out[2 * s] = v[2 * order[s]];
            out[2 * s + 1] = v[2 * order[s] + 1];
        }
        return out;
    }

    /** The first two principal components, scaled so the first has std 1e-4: tiny, so no point starts stretched. */
    private double[] initial(float[][] x) {
        int n = x.length;
        float[][] pc = Pca.project(x, 2, config.seed());
        double mean = 0;
        for (float[] row : pc) {
            mean += row[0];
        }
        mean /= n;
        double var = 0;
        for (float[] row : pc) {
            var += (row[0] - mean) * (row[0] - mean);
        }
        double std = Math.sqrt(var / n);
        double scale = std > 0 ? 1e-4 / std : 1;
        double[] y = new double[2 * n];
        java.util.Random jitter = new java.util.Random(config.seed());
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 2; c++) {
                double v = c < pc[i].length ? pc[i][c] * scale : 0;
                y[2 * i + c] = std > 0 ? v : jitter.nextGaussian() * 1e-4;
            }
        }
        return y;
    }

    /** Moves the mean to the origin, the mean summed in the caller's order of the points, whatever their slots. */
    private static void centre(double[] y, int[] slot) {
        int n = slot.length;
        double mx = 0;
        double my = 0;
        for (int s : slot) {
            mx += y[2 * s];
            my += y[2 * s + 1];
        }
        mx /= n;
        my /= n;
        for (int s = 0; s < n; s++) {
            y[2 * s] -= mx;
            y[2 * s + 1] -= my;
        }
    }

    /** The layout in the caller's order of the points. */
    private TsneLayout layout(double[] y, int[] slot, int iteration) {
        int n = slot.length;
        float[] xs = new float[n];
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = (float) y[2 * slot[i]];
            ys[i] = (float) y[2 * slot[i] + 1];
        }
        return new TsneLayout(iteration, config.iterations(), xs, ys);
    }

    private TsneLayout trivial(int n) {
        float[] xs = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
        }
        return new TsneLayout(config.iterations(), config.iterations(), xs, new float[n]);
    }
}
