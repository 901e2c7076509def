package dev.loupe.engine.inbox;

import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * "Group similar": the inbox clustered by its features with k-means++ (Apache Commons Math), so a whole group can be
 * labelled at once before any model exists. Vectors are scaled to unit length first, so Euclidean k-means groups by
 * cosine similarity, the measure the rest of Loupe uses for "similar".
 */
public final class InboxGroups {

    /** One group: its photos (paths), nearest to the group's centre first. */
    public record Group(List<String> paths) {
        public Group {
            paths = List.copyOf(paths);
        }
    }

    private static final int MAX_ITERATIONS = 100;

    private InboxGroups() {
    }

    /**
     * A group count for {@code photos} inbox photos and {@code classes} classes: the classes (at least 2) when there
     * are some, else about one group per 20 photos, and never more groups than photos.
     */
    public static int defaultCount(int photos, int classes) {
        int k = classes >= 2 ? classes : Math.max(2, Math.round(photos / 20f));
        return Math.max(1, Math.min(k, photos));
    }

    /** The photos in {@code k} groups, largest first (ties by first path); the same seed gives the same groups. */
    public static List<Group> group(List<InboxPhoto> photos, int k, long seed) {
        List<Group> out = new ArrayList<>();
        float[][] vectors = photos.stream().map(InboxPhoto::features).toArray(float[][]::new);
        for (List<Integer> members : group(vectors, k, seed)) {
            out.add(new Group(members.stream().map(i -> photos.get(i).path()).toList()));
        }
        out.sort(Comparator.<Group>comparingInt(g -> -g.paths().size()).thenComparing(g -> g.paths().get(0)));
        return out;
    }

    /**
     * {@code vectors} in at most {@code k} non-empty groups of their indices, each nearest to its centre first (ties
     * by index): the one k-means of Loupe, also the active-learning benchmark's diversity step.
     */
    public static List<List<Integer>> group(float[][] vectors, int k, long seed) {
        if (vectors.length == 0) {
            return List.of();
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            points.add(new Point(i, unit(vectors[i])));
        }
        JDKRandomGenerator random = new JDKRandomGenerator();
        random.setSeed(seed);
        KMeansPlusPlusClusterer<Point> kmeans = new KMeansPlusPlusClusterer<>(Math.min(k, points.size()),
                MAX_ITERATIONS, new EuclideanDistance(), random);
        List<List<Integer>> out = new ArrayList<>();
        EuclideanDistance distance = new EuclideanDistance();
        for (CentroidCluster<Point> c : kmeans.cluster(points)) {
            double[] centre = c.getCenter().getPoint();
            List<Point> members = new ArrayList<>(c.getPoints());
            members.sort(Comparator.<Point>comparingDouble(p -> distance.compute(p.point, centre))
                    .thenComparingInt(p -> p.index));
            if (!members.isEmpty()) {
                out.add(members.stream().map(p -> p.index).toList());
            }
        }
        return out;
    }

    private static double[] unit(float[] v) {
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        double inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    private record Point(int index, double[] point) implements Clusterable {
        @Override
        public double[] getPoint() {
            return point;
        }
    }
}
