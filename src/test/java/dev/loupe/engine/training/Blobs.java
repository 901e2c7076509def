package dev.loupe.engine.training;

import java.util.Random;

/** Gaussian clusters in d dimensions, one per class: a stand-in for the features of an easy dataset. */
final class Blobs {

    private Blobs() {
    }

    static LabelledFeatures make(int classes, int perClass, int dim, double spread, long seed) {
        Random r = new Random(seed);
        float[][] centres = new float[classes][dim];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < dim; j++) {
                centres[c][j] = (float) (new Random(1000 + c * 31L + j).nextGaussian() * 2);
            }
        }
        float[][] x = new float[classes * perClass][dim];
        int[] y = new int[classes * perClass];
        for (int i = 0; i < x.length; i++) {
            int c = i % classes;
            y[i] = c;
            for (int j = 0; j < dim; j++) {
                x[i][j] = centres[c][j] + (float) (r.nextGaussian() * spread);
            }
        }
        return new LabelledFeatures(x, y);
    }
}
