package dev.loupe.engine.embedding;

import dev.loupe.engine.util.Natives;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.IntStream;

/**
 * A first, cheaper bound for {@link CosineIndex}: the unit vectors on a few hundred orthonormal axes (the dataset's
 * mean direction, then its principal axes), in {@link BoundedCodes}, plus each vector's distance from the axes' span.
 * With B the axes (rows, orthonormal in double), z = Bx and r = x - B^T z, the exact cosine is
 * {@code q.x = (Bq).z + q.r}; and {@code |q.r| <= ||q - B^T Bq|| ||r||} (Cauchy-Schwarz; r is orthogonal to the
 * axes). Real features put most of their length on a few hundred axes (on 10,000 Fashion-MNIST MobileNet features,
 * 256 axes leave a sixth of it: ||r|| about 0.17), so the scan reads a fifth of the full codes' bytes at 1,280-d and
 * still rules out nearly every row. Every bound here is an upper bound, so no answer changes; what is lost on data
 * with little structure is only time (the index then falls back to the full codes).
 * <p>
 * How the axes are chosen is {@link ProjectionAxes}'s (it decides only how much is ruled out); this file holds what
 * the bound's correctness rests on: the projections and every error term added to the radius.
 */
final class ProjectedBound {

    /**
     * Covers every rounding of the doubles below (each well under 1e-9), the float copy of Bq (6e-8 of it) and the
     * codes' assumption that a row is at most of unit length (z may exceed it by delta, times the query's code error).
     */
    private static final double SLACK = 1e-5;
    /**
     * Past this median distance from the axes the bound rules out too little to pay for its scan (Gaussian clouds:
     * {@value}+; feature-like clusters about 0.5, real features 0.17).
     */
    static final float MAX_RESIDUAL = 0.75f;
    /** Rows projected by one BLAS product: 42 MB of floats at 1,280-d. */
    private static final int CHUNK = 8_192;

    private final int dim;
    private final int axes;
    /** The axes, B^T row after row: {@code basis[j * axes + c]} is axis c's component j (floats, held as doubles). */
    private final double[] basis;
    /** Each row's component on the first axis, the mean direction: most of its length, so kept apart from codes. */
    private final float[] first;
    /** The codes of the other components, which are far smaller: one scale for all would make them coarse. */
    private final BoundedCodes codes;
    /** {@code residual[i] >= ||x_i - B^T z_i||}. */
    private final float[] residual;

    /** {@code ||B B^T - I||}: how far the float axes are from orthonormal. */
    private final double eps;
    /** Bounds {@code ||G^-1 B r|| / ||.||}: what the rounding of the projections leaks, per unit of ||Bq||. */
    private final double leak;

    /** Each row's projection on the axes {@code bt} (dim x k), split as stored, and its residual bound. */
    private static void project(float[] rows, int size, int dim, int k, INDArray bt, double delta, double eps,
                                float[] first, float[] z, float[] residual) {
        IntStream.range(0, (size + CHUNK - 1) / CHUNK).parallel().forEach(chunk -> {
            int from = chunk * CHUNK;
            int to = Math.min(size, from + CHUNK);
            float[] x = java.util.Arrays.copyOfRange(rows, from * dim, to * dim);
            float[] p;
            try (INDArray a = Nd4j.create(x, new long[]{to - from, dim}, 'c'); INDArray product = a.mmul(bt);
                 INDArray rowMajor = product.dup('c')) {
                p = rowMajor.data().asFloat(); // the native copies freed now, not whenever the GC gets to them
            }
            for (int i = from; i < to; i++) {
                double x2 = 0;
                for (int j = 0; j < dim; j++) {
                    x2 += (double) rows[i * dim + j] * rows[i * dim + j];
                }
                int base = (i - from) * k;
                double z2 = 0;
                for (int c = 0; c < k; c++) {
                    z2 += (double) p[base + c] * p[base + c];
                }
                first[i] = p[base];
                System.arraycopy(p, base + 1, z, i * (k - 1), k - 1);
                double zn = Math.sqrt(z2);
                double r2 = x2 - z2 + 2 * delta * zn + eps * z2;
                residual[i] = Math.nextUp((float) (Math.sqrt(Math.max(0, r2) + 1e-12) * (1 + 1e-6)));
            }
        });
    }

    private ProjectedBound(int dim, int axes, double[] basis, double eps, double leak, float[] first,
                           BoundedCodes codes, float[] residual) {
        this.dim = dim;
        this.axes = axes;
        this.basis = basis;
        this.eps = eps;
        this.leak = leak;
        this.first = first;
        this.codes = codes;
        this.residual = residual;
    }

    /**
     * The bound for {@code size} unit rows of {@code dim} floats in {@code rows}, on up to {@code axes} axes; null
     * where it would not pay: the rows span fewer than two axes, or most of them lie far from the axes.
     * <p>
     * The projections are float products in BLAS (a double loop in Java took 5 s of CPU at 10,000 x 1,280), so the
     * axes B are the float rows {@code bf}, orthonormal only to {@code eps = ||B B^T - I||}, and each z is off from Bx
     * by at most {@code delta = sqrt(k) gamma_d} (Higham's bound for a float dot product of d terms in any order,
     * for unit x and rows of B). Then, with r = x - B^T z: {@code ||r||^2 <= ||x||^2 - ||z||^2 + 2 delta ||z||
     * + eps ||z||^2}, and {@code ||Br|| <= delta + eps ||z||}, which {@link #bounds} adds to every row's radius.
     */
    static ProjectedBound of(float[] rows, int size, int dim, int axes) {
        Natives.limitBlasThreads();
        double[] b = ProjectionAxes.of(rows, size, dim, Math.min(axes, size + 1));
        int k = b.length / dim;
        if (k < 2) {
            return null; // the rows span next to nothing: the full codes will do
        }
        float[] bf = new float[b.length];
        double[] basis = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            bf[i] = (float) b[i];
            basis[i] = bf[i];
        }
        double eps = ProjectionAxes.gramError(basis, dim, k);
        if (!(eps < 1e-3)) {
            return null;
        }
        double u = Math.ulp(1.0f) / 2;
        double delta = Math.sqrt(k) * (dim * u / (1 - dim * u)) * (1 + 1e-6);
        float[] first = new float[size];
        float[] z = new float[size * (k - 1)];
        float[] residual = new float[size];
        try (INDArray bt = Nd4j.create(bf, new long[]{dim, k}, 'c')) {
            project(rows, size, dim, k, bt, delta, eps, first, z, residual);
        }
        float[] sorted = residual.clone();
        java.util.Arrays.sort(sorted);
        if (sorted[size / 2] > MAX_RESIDUAL) {
            return null;
        }
        double leak = (delta + eps * (1 + delta + eps)) / (1 - eps);
        return new ProjectedBound(dim, k, basis, eps, leak, first, new BoundedCodes(z, size, k - 1), residual);
    }

    /** Axes kept, the mean direction included. */
    int axes() {
        return axes;
    }

    /** Bytes held per vector: the codes of its projection, their bound and the residual. */
    int bytesPerVector() {
        return codes.bytesPerVector() + 8;
    }

    /** As {@link BoundedCodes#bounds}, for the unit query {@code q} and every row. */
    void bounds(float[] q, double[] estimate, double[] radius) {
        double[] w = project(basis, axes, q, 0, dim);
        double q2 = 0;
        for (float f : q) {
            q2 += (double) f * f;
        }
        double w2 = 0;
        float[] rest = new float[axes - 1];
        for (int c = 0; c < axes; c++) {
            w2 += w[c] * w[c];
            if (c > 0) {
                rest[c - 1] = (float) w[c];
            }
        }
        // q = B^T a + p with Bp = 0: a = G^-1 Bq, ||p||^2 = ||q||^2 - w G^-1 w, and q.r = a.Br + p.r.
        double perp = Math.sqrt(Math.max(0, q2 - w2 / (1 + eps)) + 1e-12) * (1 + 1e-6);
        double leaked = Math.sqrt(w2) * leak;
        codes.bounds(rest, estimate, radius);
        for (int i = 0; i < estimate.length; i++) {
            estimate[i] += w[0] * first[i];
            radius[i] += perp * residual[i] + leaked + SLACK;
        }
    }

    /** {@code B v} for v at {@code from} in {@code v}: a scaled row of B^T added per component, which vectorises. */
    private static double[] project(double[] basis, int axes, float[] v, int from, int dim) {
        double[] out = new double[axes];
        for (int j = 0; j < dim; j++) {
            double a = v[from + j];
            if (a == 0) {
                continue; // features are mostly zero: ReLU outputs
            }
            int base = j * axes;
            for (int c = 0; c < axes; c++) {
                out[c] += a * basis[base + c];
            }
        }
        return out;
    }
}
