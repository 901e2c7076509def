package dev.loupe.engine.embedding;

import dev.loupe.engine.util.CoreBlocks;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The compact copy of {@link CosineIndex}'s unit vectors that a query scans first, and the bounds that make the scan
 * safe. Each vector x is kept in one byte per dimension, {@code x ~ scale * codes} (as {@link ReducedCode#of}), with
 * {@code error >= ||x - scale * codes||}; the query q is quantised the same way but finer ({@code q ~ qs * Q}, Q of up
 * to 14 bits). Then {@code q.x = q^.x^ + q^.(x - x^) + (q - q^).x}, and by Cauchy-Schwarz the exact cosine lies within
 * {@code ||q^|| error + ||q - q^|| ||x||} of the integer estimate {@code qs * scale * (Q.codes)}. A vector whose upper
 * bound is below the k-th largest lower bound cannot be among the k most similar, so only the others need their
 * float vector read: a quarter of the bytes to scan, and the exact answer all the same.
 * <p>
 * Layout: four codes (plus 128, so unsigned) in an int, and one int array per four dimensions, indexed by vector.
 * The JIT of Java 17 vectorises a loop only when its arrays share an index and one element type: the sum
 * {@code sums[i] += ...words[g][i]...} is vectorised (2.3-2.7 ms a pass over 10,240 x 1,280 on one thread, load 4.5;
 * 1.9 ms against 2.8 ms at load 10 with two groups per update of the sum, written as two statements: as one
 * expression it was not vectorised), while the same sum over one flat array at an offset, or over bytes added to
 * ints, or with a branch in the loop, ran at scalar speed (about 10 ms).
 */
final class BoundedCodes {

    /** Vectors per block: their sums (4 KB) stay in the L1 cache while the groups of dimensions stream past. */
    private static final int BLOCK = 1024;
    /** Multiply-adds per query above which the scan is split over the cores. */
    private static final long PARALLEL_FROM = 2_000_000;

    private final int size;
    private final int dim;
    private final int[][] words;
    private final float[] scale;
    private final float[] error;

    /** The codes of {@code size} unit vectors of {@code dim} floats each, row after row in {@code rows}. */
    BoundedCodes(float[] rows, int size, int dim) {
        this.size = size;
        this.dim = dim;
        this.words = new int[(dim + 7) / 8 * 2][size]; // groups in pairs, the scan takes two at a time
        this.scale = new float[size];
        this.error = new float[size];
        IntStream range = IntStream.range(0, size);
        ((long) size * dim < PARALLEL_FROM ? range : range.parallel()).forEach(i -> code(rows, i));
    }

    /**
     * Row i's codes, as {@link ReducedCode#of} makes them (largest component 127) but multiplied by the inverse
     * scale (a division per component made the build slower than the float copy), and its error measured in double.
     */
    private void code(float[] rows, int i) {
        int base = i * dim;
        float max = 0;
        for (int j = 0; j < dim; j++) {
            max = Math.max(max, Math.abs(rows[base + j]));
        }
        float s = max > 0 ? max / 127 : 0;
        float inv = max > 0 ? 127 / max : 0;
        double e = 0;
        int word = 0;
        for (int j = 0; j < dim; j++) {
            float x = rows[base + j];
            int u = (int) (x * inv + 128.5f); // |x * inv| <= 127: truncation of a positive number, so rounding
            double d = x - (double) s * (u - 128);
            e += d * d;
            word |= u << (8 * (j & 3));
            if ((j & 3) == 3 || j == dim - 1) {
                words[j >> 2][i] = word;
                word = 0;
            }
        }
        scale[i] = s;
        error[i] = Math.nextUp((float) Math.sqrt(e) * 1.000001f);
    }

    /** Bytes held per vector beyond the float vector itself. */
    int bytesPerVector() {
        return 4 * words.length + 8;
    }

    /**
     * The rows whose exact cosine with the unit {@code q} may be among the {@code k} largest (row {@code skip} left
     * out), ascending: every row whose upper bound reaches the k-th largest lower bound less {@code margin}, the
     * float rounding of the caller's exact products. k must be at least 1 and at most the rows left.
     */
    int[] candidates(float[] q, int k, int skip, double margin) {
        double[] estimate = new double[size];
        double[] radius = new double[size];
        bounds(q, estimate, radius);
        double threshold = kthLowerBound(estimate, radius, k, skip) - margin;
        int[] out = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (i != skip && estimate[i] + radius[i] >= threshold) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Every row's estimate of its dot product with {@code q} and how far the exact product can be from it:
     * {@code |q.x_i - estimate[i]| <= radius[i]}. q need not be a unit vector as long as the rows are at most unit
     * length (a {@link ProjectedBound}'s projections are).
     */
    void bounds(float[] q, double[] estimate, double[] radius) {
        Query query = Query.of(q, dim);
        int[] sums = new int[size];
        int cores = (long) size * dim < PARALLEL_FROM ? 1 : CoreBlocks.cores();
        CoreBlocks.run(cores, p ->
                sums(query.codes, sums, CoreBlocks.start(size, p, cores), CoreBlocks.start(size, p + 1, cores)));
        for (int i = 0; i < size; i++) {
            estimate[i] = query.scale * scale[i] * (sums[i] - query.offset); // int: exact, wrapping included
            radius[i] = query.perError * error[i] + query.radius;
        }
    }

    /** {@code sums[i] = Q . (codes_i + 128)} for i in [from, to), block by block. */
    private void sums(int[] q, int[] sums, int from, int to) {
        int[][] groups = words;
        for (int b = from; b < to; b += BLOCK) {
            int end = Math.min(to, b + BLOCK);
            for (int g = 0; g < groups.length; g += 2) {
                int j = 4 * g;
                int q0 = q[j];
                int q1 = q[j + 1];
                int q2 = q[j + 2];
                int q3 = q[j + 3];
                int q4 = q[j + 4];
                int q5 = q[j + 5];
                int q6 = q[j + 6];
                int q7 = q[j + 7];
                int[] w = groups[g];
                int[] v = groups[g + 1];
                for (int i = b; i < end; i++) {
                    int x = w[i];
                    int y = v[i];
                    int s = sums[i] + q0 * (x & 0xFF) + q1 * ((x >>> 8) & 0xFF) + q2 * ((x >>> 16) & 0xFF)
                            + q3 * (x >>> 24);
                    sums[i] = s + q4 * (y & 0xFF) + q5 * ((y >>> 8) & 0xFF) + q6 * ((y >>> 16) & 0xFF) + q7 * (y >>> 24);
                }
            }
        }
    }

    /** The k-th largest {@code estimate - radius}, row {@code skip} left out: a small sorted buffer, k being small. */
    static double kthLowerBound(double[] estimate, double[] radius, int k, int skip) {
        double[] best = new double[k];
        int filled = 0;
        for (int i = 0; i < estimate.length; i++) {
            double low = estimate[i] - radius[i];
            if (i == skip || (filled == k && low <= best[k - 1])) {
                continue;
            }
            int pos = filled < k ? filled++ : k - 1;
            while (pos > 0 && best[pos - 1] < low) {
                best[pos] = best[pos - 1];
                pos--;
            }
            best[pos] = low;
        }
        return best[k - 1];
    }

    /**
     * A unit query quantised: {@code q ~ scale * codes}, with codes as large as the int sums allow (their exact
     * value, {@code Q.codes}, stays within 127 * dim * max|Q| < 2^31; the sums with 128 added to each code may wrap
     * around, but int arithmetic is modular, so subtracting {@code offset} gives it back exactly). A row's bound is
     * {@code perError * error + radius}.
     */
    private record Query(int[] codes, double scale, int offset, double perError, double radius) {

        static Query of(float[] q, int dim) {
            double max = 0;
            for (float f : q) {
                max = Math.max(max, Math.abs(f));
            }
            int levels = (int) Math.max(1, Math.min(1 << 14, Integer.MAX_VALUE / (127L * Math.max(1, dim))));
            double scale = max == 0 ? 0 : max / levels;
            int[] codes = new int[(dim + 7) / 8 * 8];
            long sum = 0;
            double norm2 = 0;
            double err2 = 0;
            for (int j = 0; j < dim; j++) {
                codes[j] = scale == 0 ? 0 : (int) Math.round(q[j] / scale);
                sum += codes[j];
                double decoded = scale * codes[j];
                norm2 += decoded * decoded;
                err2 += (q[j] - decoded) * (q[j] - decoded);
            }
            // ||x|| of a stored unit vector is 1 within a float rounding; the slack covers that and these sums.
            double radius = Math.sqrt(err2) * (1 + 1e-6) + 1e-12;
            return new Query(codes, scale, (int) (128 * sum), Math.sqrt(norm2) * (1 + 1e-9), radius);
        }
    }
}
