package dev.loupe.engine.embedding;

/** The O(n^2) gradient over dense affinities: the reference the Barnes-Hut version is tested against. */
final class ExactGradient implements Gradient {

    private final int n;
    private final float[] p;

    /** @param p dense symmetric affinities, row-major n x n, summing to 1 */
    ExactGradient(int n, float[] p) {
        this.n = n;
        this.p = p;
    }

    @Override
    public void compute(double[] y, double[] grad, double exaggeration) {
        double z = 0;
        double[] rep = new double[2 * n];
        double[] att = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double xi = y[2 * i];
            double yi = y[2 * i + 1];
            for (int j = i + 1; j < n; j++) {
                double dx = xi - y[2 * j];
                double dy = yi - y[2 * j + 1];
                double q = 1 / (1 + dx * dx + dy * dy);
                z += 2 * q;
                double r = q * q;
                rep[2 * i] += r * dx;
                rep[2 * i + 1] += r * dy;
                rep[2 * j] -= r * dx;
                rep[2 * j + 1] -= r * dy;
                double a = p[i * n + j] * exaggeration * q;
                att[2 * i] += a * dx;
                att[2 * i + 1] += a * dy;
                att[2 * j] -= a * dx;
                att[2 * j + 1] -= a * dy;
            }
        }
        for (int k = 0; k < 2 * n; k++) {
            grad[k] = att[k] - rep[k] / z;
        }
    }

    /** Dense affinities over all pairs: each row's perplexity search sees every other point, not just k. */
    static float[] denseAffinities(float[][] x, double perplexity) {
        int n = x.length;
        float[] out = new float[n * n];
        float[] row = new float[n - 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0, m = 0; j < n; j++) {
                if (j != i) {
                    row[m++] = squaredDistance(x[i], x[j]);
                }
            }
            double[] cond = Affinities.conditional(row, n - 1, perplexity);
            for (int j = 0, m = 0; j < n; j++) {
                if (j != i) {
                    out[i * n + j] += (float) (cond[m] / (2.0 * n));
                    out[j * n + i] += (float) (cond[m++] / (2.0 * n));
                }
            }
        }
        return out;
    }

    static float squaredDistance(float[] a, float[] b) {
        float s = 0;
        for (int k = 0; k < a.length; k++) {
            float d = a[k] - b[k];
            s += d * d;
        }
        return s;
    }
}
