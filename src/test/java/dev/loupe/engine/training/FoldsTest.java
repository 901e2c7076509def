package dev.loupe.engine.training;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The search's folds with augmented variants: photos held out, variants kept with their photos. */
class FoldsTest {

    @Test
    void noFoldTrainsOnAVariantOfAPhotoItHoldsOutAndEachTrainsOnAllVariantsOfItsOwnPhotos() {
        LabelledFeatures photos = Blobs.make(3, 20, 4, 1.0, 1);
        TrainingRows rows = withVariants(photos, 2);
        Map<float[], float[]> photoOfVariant = new IdentityHashMap<>();
        for (int i = 0; i < rows.variants().size(); i++) {
            photoOfVariant.put(rows.variants().x()[i], photos.x()[rows.photoOf()[i]]);
        }
        Set<float[]> heldOnce = Collections.newSetFromMap(new IdentityHashMap<>());
        Folds folds = new Folds(rows, 3, 3);
        for (int f = 0; f < folds.count(); f++) {
            Set<float[]> held = Collections.newSetFromMap(new IdentityHashMap<>());
            for (float[] x : folds.heldOut(f).x()) {
                assertThat(photoOfVariant).as("a variant held out").doesNotContainKey(x);
                assertThat(heldOnce.add(x)).as("a photo held out twice").isTrue();
                held.add(x);
            }
            LabelledFeatures train = folds.train(f);
            int variants = 0;
            for (float[] x : train.x()) {
                assertThat(held).as("a held-out photo in training").doesNotContain(x);
                float[] photo = photoOfVariant.get(x);
                if (photo != null) {
                    assertThat(held).as("a variant of a held-out photo in training").doesNotContain(photo);
                    variants++;
                }
            }
            int trainingPhotos = photos.size() - held.size();
            assertThat(variants).isEqualTo(2 * trainingPhotos);
            assertThat(train.size()).isEqualTo(3 * trainingPhotos);
        }
        assertThat(heldOnce).hasSize(photos.size());
    }

    @Test
    void withoutVariantsTheFoldsAreThePhotosAlone() {
        LabelledFeatures photos = Blobs.make(3, 20, 4, 1.0, 2);
        Folds folds = new Folds(TrainingRows.of(photos), 3, 3);
        for (int f = 0; f < 3; f++) {
            assertThat(folds.train(f).size() + folds.heldOut(f).size()).isEqualTo(photos.size());
        }
    }

    /** {@code k} variants of every photo: the photo shifted by a little noise, each a new row. */
    static TrainingRows withVariants(LabelledFeatures photos, int k) {
        java.util.Random r = new java.util.Random(7);
        int n = photos.size();
        float[][] x = new float[n * k][];
        int[] y = new int[n * k];
        int[] of = new int[n * k];
        for (int i = 0; i < n * k; i++) {
            of[i] = i % n;
            y[i] = photos.y()[of[i]];
            x[i] = photos.x()[of[i]].clone();
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] += (float) (r.nextGaussian() * 0.01);
            }
        }
        return new TrainingRows(photos, new LabelledFeatures(x, y), of);
    }
}
