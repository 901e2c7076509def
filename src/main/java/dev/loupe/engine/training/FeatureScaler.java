package dev.loupe.engine.training;

/**
 * Standardises each feature to zero mean and unit variance over the training images. Backbone features differ in
 * scale by orders of magnitude between backbones (and between dimensions); standardising lets one learning rate and
 * one weight decay suit them all. Saved with the model and applied before the head at inference.
 */
public record FeatureScaler(float[] mean, float[] scale) {

    private static final float MIN_STD = 1e-3f;

    public static FeatureScaler fit(float[][] x) {
        int d = x[0].length;
        double[] sum = new double[d];
        double[] sq = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                sum[j] += row[j];
                sq[j] += (double) row[j] * row[j];
            }
        }
        float[] mean = new float[d];
        float[] scale = new float[d];
        for (int j = 0; j < d; j++) {
            double m = sum[j] / x.length;
            double var = Math.max(0, sq[j] / x.length - m * m);
            mean[j] = (float) m;
            scale[j] = 1f / Math.max(MIN_STD, (float) Math.sqrt(var));
        }
        return new FeatureScaler(mean, scale);
    }

    public float[][] apply(float[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            float[] row = new float[x[i].length];
            for (int j = 0; j < row.length; j++) {
                row[j] = (x[i][j] - mean[j]) * scale[j];
            }
            out[i] = row;
        }
        return out;
    }
}
