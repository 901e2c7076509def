package dev.loupe.engine.embedding;

/**
 * Attraction exactly over the sparse affinities, repulsion approximated by a quadtree: O(n log n) per iteration
 * (van der Maaten 2014, "Accelerating t-SNE using tree-based algorithms").
 */
final class BarnesHutGradient implements Gradient {

    private final Affinities p;
    private final double theta;
    private final QuadTree tree;
    private final double[] force = new double[2];

    BarnesHutGradient(Affinities p, double theta) {
        this.p = p;
        this.theta = theta;
        this.tree = new QuadTree(p.size());
    }

    @Override
    public void compute(double[] y, double[] grad, double exaggeration) {
        int n = p.size();
        tree.build(y, n);
        double z = 0;
        for (int i = 0; i < n; i++) {
            z += tree.repulsion(i, y[2 * i], y[2 * i + 1], theta, force);
            grad[2 * i] = -force[0];
            grad[2 * i + 1] = -force[1];
        }
        double invZ = z > 0 ? 1 / z : 0;
        int[] start = p.rowStart();
        int[] cols = p.cols();
        float[] vals = p.vals();
        for (int i = 0; i < n; i++) {
            double xi = y[2 * i];
            double yi = y[2 * i + 1];
            double ax = 0;
            double ay = 0;
            for (int m = start[i]; m < start[i + 1]; m++) {
                int j = cols[m];
                double dx = xi - y[2 * j];
                double dy = yi - y[2 * j + 1];
                double w = vals[m] * exaggeration / (1 + dx * dx + dy * dy);
                ax += w * dx;
                ay += w * dy;
            }
            grad[2 * i] = ax + grad[2 * i] * invZ;
            grad[2 * i + 1] = ay + grad[2 * i + 1] * invZ;
        }
    }
}
