package dev.loupe.engine.explain;

import dev.loupe.engine.util.Plurals;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.image.ImageDecodeException;
import dev.loupe.engine.jobs.JobMonitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks for classes a model may recognise by something other than their subject: a watermark in a corner, a border,
 * a background. For each class it takes, on each of its photos, the map of what tips the photo towards the class
 * rather than its closest rival ({@link Explanation#contrastiveMap}: what two classes share, such as a texture both
 * show, cancels), and finds the 3x3-cell block where the hottest cell falls most often; a class is flagged when that block holds the peak in most of its photos
 * ({@link #share}) and in far fewer of the other classes' photos ({@link #margin}), so a dataset whose subjects are
 * all centred is not flagged for it. At most {@link #perClass} photos per class are explained, spread over the class.
 *
 * @param share   the least share of a class's photos peaking in one block that flags it
 * @param margin  how much larger that share must be than the other classes' share in the same block
 */
public record ShortcutCheck(int perClass, double share, double margin) {

    /** Checked on the bundled flowers (nothing flagged) and on planted logos (found): see docs/explain.md. */
    public static ShortcutCheck standard() {
        return new ShortcutCheck(40, 0.7, 0.4);
    }

    /** The fewest explained photos for a class to be judged. */
    static final int MIN_PHOTOS = 5;

    /** One image's map: where its hottest cell is, and the map itself. */
    private record Peak(ImageEntry image, int row, int col, float[] normalised) {
    }

    /** The flagged classes, most concentrated first; images of classes the model does not know are left out. */
    public List<Shortcut> check(DatasetSnapshot snapshot, Explainer explainer, JobMonitor monitor) {
        Map<String, List<ImageEntry>> chosen = choose(snapshot, explainer.model().labels());
        int total = chosen.values().stream().mapToInt(List::size).sum();
        monitor.stage("Looking at what the model looks at (" + Plurals.of(total, "photo") + ")");
        Map<String, List<Peak>> peaks = new LinkedHashMap<>();
        int[] size = new int[2];
        int done = 0;
        for (Map.Entry<String, List<ImageEntry>> cls : chosen.entrySet()) {
            List<Peak> list = new ArrayList<>();
            for (ImageEntry image : cls.getValue()) {
                monitor.checkCancelled();
                try {
                    Explanation e = explainer.explain(image.file());
                    HeatMap map = e.contrastiveMap(e.labels().indexOf(cls.getKey()));
                    size[0] = map.height();
                    size[1] = map.width();
                    list.add(new Peak(image, map.peak() / map.width(), map.peak() % map.width(), map.normalised()));
                } catch (ImageDecodeException e) {
                    // The audit's own pass reports unreadable images.
                }
                monitor.progress(++done, total);
            }
            peaks.put(cls.getKey(), list);
        }
        List<Shortcut> found = new ArrayList<>();
        for (String label : peaks.keySet()) {
            Shortcut s = judge(label, peaks, size[0], size[1]);
            if (s != null) {
                found.add(s);
            }
        }
        found.sort(Comparator.comparingDouble(s -> -s.hits() / (double) s.photos()));
        return found;
    }

    private Shortcut judge(String label, Map<String, List<Peak>> peaks, int height, int width) {
        List<Peak> own = peaks.get(label);
        if (own.size() < MIN_PHOTOS) {
            return null;
        }
        int bestRow = 0;
        int bestCol = 0;
        int best = -1;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int n = countIn(own, r, c);
                if (n > best) {
                    best = n;
                    bestRow = r;
                    bestCol = c;
                }
            }
        }
        int otherHits = 0;
        int otherPhotos = 0;
        for (Map.Entry<String, List<Peak>> e : peaks.entrySet()) {
            if (!e.getKey().equals(label)) {
                otherHits += countIn(e.getValue(), bestRow, bestCol);
                otherPhotos += e.getValue().size();
            }
        }
        double ownShare = best / (double) own.size();
        double otherShare = otherPhotos == 0 ? 0 : otherHits / (double) otherPhotos;
        if (ownShare < share || ownShare - otherShare < margin) {
            return null;
        }
        int r0 = bestRow;
        int c0 = bestCol;
        List<String> examples = own.stream().filter(p -> near(p, r0, c0))
                .sorted(Comparator.comparingDouble(p -> -massIn(p, r0, c0, width))).limit(4)
                .map(p -> p.image().relativePath()).toList();
        return new Shortcut(label, Shortcut.region(bestRow, bestCol, height, width), best, own.size(), otherHits,
                otherPhotos, examples, width, height, mean(own, width * height));
    }

    /** Photos whose hottest cell lies in the 3x3 block centred on (row, col). */
    private static int countIn(List<Peak> peaks, int row, int col) {
        int n = 0;
        for (Peak p : peaks) {
            n += near(p, row, col) ? 1 : 0;
        }
        return n;
    }

    private static boolean near(Peak p, int row, int col) {
        return Math.abs(p.row() - row) <= 1 && Math.abs(p.col() - col) <= 1;
    }

    /** The share of the map's heat inside the block, to show the clearest examples first. */
    private static double massIn(Peak p, int row, int col, int width) {
        double in = 0;
        double all = 0;
        for (int i = 0; i < p.normalised().length; i++) {
            all += p.normalised()[i];
            if (Math.abs(i / width - row) <= 1 && Math.abs(i % width - col) <= 1) {
                in += p.normalised()[i];
            }
        }
        return all == 0 ? 0 : in / all;
    }

    private static float[] mean(List<Peak> peaks, int cells) {
        float[] sum = new float[cells];
        for (Peak p : peaks) {
            for (int i = 0; i < cells; i++) {
                sum[i] += p.normalised()[i] / peaks.size();
            }
        }
        return sum;
    }

    /** Up to {@link #perClass} images of each class the model knows, spread evenly over the class in path order. */
    private Map<String, List<ImageEntry>> choose(DatasetSnapshot snapshot, List<String> labels) {
        Map<String, List<ImageEntry>> byClass = new LinkedHashMap<>();
        for (ImageEntry image : snapshot.images()) {
            if (labels.contains(image.label())) {
                byClass.computeIfAbsent(image.label(), k -> new ArrayList<>()).add(image);
            }
        }
        Map<String, List<ImageEntry>> chosen = new LinkedHashMap<>();
        byClass.forEach((label, images) -> {
            List<ImageEntry> sorted = images.stream().sorted(Comparator.comparing(ImageEntry::relativePath)).toList();
            List<ImageEntry> out = new ArrayList<>();
            int n = Math.min(perClass, sorted.size());
            for (int i = 0; i < n; i++) {
                out.add(sorted.get((int) ((long) i * sorted.size() / n)));
            }
            chosen.put(label, out);
        });
        return chosen;
    }
}
