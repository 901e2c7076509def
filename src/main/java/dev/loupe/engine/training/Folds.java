package dev.loupe.engine.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Stratified folds of a training set for {@link HeadSearch} on small datasets: the j-th image of each class goes to
 * fold j mod k, so every fold holds each class in proportion and the same data always gives the same folds.
 */
final class Folds {

    private final LabelledFeatures data;
    private final int[] fold;
    private final int k;

    Folds(LabelledFeatures data, int classes, int k) {
        this.data = data;
        this.k = k;
        this.fold = new int[data.size()];
        int[] seen = new int[classes];
        for (int i = 0; i < fold.length; i++) {
            fold[i] = seen[data.y()[i]]++ % k;
        }
    }

    int count() {
        return k;
    }

    /** The rows outside fold {@code f}, to train on. */
    LabelledFeatures train(int f) {
        return pick(f, false);
    }

    /** The rows of fold {@code f}, held out. */
    LabelledFeatures heldOut(int f) {
        return pick(f, true);
    }

    private LabelledFeatures pick(int f, boolean inFold) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < fold.length; i++) {
            if ((fold[i] == f) == inFold) {
                rows.add(i);
            }
        }
        float[][] x = new float[rows.size()][];
        int[] y = new int[rows.size()];
        for (int i = 0; i < y.length; i++) {
            x[i] = data.x()[rows.get(i)];
            y[i] = data.y()[rows.get(i)];
        }
        return new LabelledFeatures(x, y);
    }
}
