package dev.loupe.ui.classify;

import dev.loupe.engine.embedding.DatasetMap;
import dev.loupe.engine.embedding.Neighbour;
import dev.loupe.engine.embedding.Placement;
import dev.loupe.engine.jobs.JobMonitor;

import java.util.ArrayList;
import java.util.List;

/**
 * Places classified photos on a dataset map: where each lands, which dataset images it resembles, and whether it
 * looks like anything in the dataset. Each photo costs a scan of the whole dataset's features, so this runs inside
 * jobs, never on the FX thread (1,000 photos on a 10,000-image map is billions of multiply-adds).
 */
final class MapPlacement {

    private MapPlacement() {
    }

    /** {@code images} placed on {@code map} (as they are when there is no map); checks for cancel per photo. */
    static List<ClassifiedImage> placeAll(DatasetMap map, List<ClassifiedImage> images, JobMonitor monitor) {
        List<ClassifiedImage> out = new ArrayList<>(images.size());
        for (ClassifiedImage image : images) {
            monitor.checkCancelled();
            out.add(place(map, image));
        }
        return out;
    }

    static ClassifiedImage place(DatasetMap map, ClassifiedImage image) {
        if (map == null || image.features() == null) {
            return image;
        }
        Placement where = map.place(image.features(), ClassifyViewModel.NEIGHBOURS);
        List<ClassifiedImage.SimilarImage> like = new ArrayList<>();
        for (Neighbour n : where.neighbours()) {
            var s = map.samples().get(n.index());
            like.add(new ClassifiedImage.SimilarImage(n.index(), s.image().file(), s.image().label(), n.similarity()));
        }
        return image.placed(where, like, !map.familiarity().familiar(where));
    }
}
