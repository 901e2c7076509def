package dev.loupe.engine.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Stratified folds of a training split for {@link HeadSearch} on small datasets: the j-th photo of each class goes to
 * fold j mod k, so every fold holds each class in proportion and the same data always gives the same folds. A fold
 * holds out photos only; the others train with their augmented variants, and a variant goes where its photo goes,
 * so no fold trains on a variant of a photo it holds out.
 */
final class Folds {

    private final TrainingRows rows;
    private final int[] fold;
    private final int k;

    Folds(TrainingRows rows, int classes, int k) {
        this.rows = rows;
        this.k = k;
        this.fold = new int[rows.photos().size()];
        int[] seen = new int[classes];
        for (int i = 0; i < fold.length; i++) {
            fold[i] = seen[rows.photos().y()[i]]++ % k;
        }
    }

    int count() {
        return k;
    }

    /** The photos outside fold {@code f} and their variants, to train on. */
    LabelledFeatures train(int f) {
        return train(f, true);
    }

    /** The photos outside fold {@code f}, with their variants when {@code variants}, to train on. */
    LabelledFeatures train(int f, boolean variants) {
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        pick(rows.photos(), i -> fold[i] != f, x, y);
        if (variants) {
            pick(rows.variants(), i -> fold[rows.photoOf()[i]] != f, x, y);
        }
        return labelled(x, y);
    }

    /** The photos of fold {@code f}, held out. */
    LabelledFeatures heldOut(int f) {
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        pick(rows.photos(), i -> fold[i] == f, x, y);
        return labelled(x, y);
    }

    private static void pick(LabelledFeatures data, java.util.function.IntPredicate keep, List<float[]> x,
                             List<Integer> y) {
        for (int i = 0; i < data.size(); i++) {
            if (keep.test(i)) {
                x.add(data.x()[i]);
                y.add(data.y()[i]);
            }
        }
    }

    private static LabelledFeatures labelled(List<float[]> x, List<Integer> y) {
        return new LabelledFeatures(x.toArray(float[][]::new), y.stream().mapToInt(Integer::intValue).toArray());
    }
}
