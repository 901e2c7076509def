package dev.loupe.engine.explain;

import dev.loupe.engine.util.Plurals;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.loupe.engine.image.ImageDecodeException;
import dev.loupe.engine.image.ImageDecoder;
import dev.loupe.engine.image.ImageResizer;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.AtomicFiles;
import dev.loupe.engine.util.OutputGuard;
import dev.loupe.engine.util.OutputRefusedException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes heat maps as files ({@code loupe explain}): for each image, {@code NAME.heatmap.png}, the photo with the map
 * over it and the colour scale below, and optionally {@code NAME.heatmap.json}, the raw map ({@link MapFile}). Two
 * images with the same name get {@code NAME-2...}. An image that cannot be read is reported and the rest carry on.
 * Every output passes {@link OutputGuard} (the folder may not hold the inputs nor lie in a dataset's class folders;
 * no input and no image is replaced), except that an earlier heat map Loupe marked as its own ({@link HeatMapPng}) is
 * replaced by the new one.
 */
public final class HeatMapFiles {

    /** The long side of the photo in the PNG: a 7x7 map has no more detail to show. */
    public static final int MAX_SIDE = 1024;
    public static final String SUFFIX = ".heatmap";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Explainer explainer;
    private final Path folder;
    private final double opacity;
    private final boolean json;

    public HeatMapFiles(Explainer explainer, Path folder, double opacity, boolean json) {
        this.explainer = explainer;
        this.folder = folder;
        this.opacity = opacity;
        this.json = json;
    }

    /** What was written for one image, or why not; paths as given, not as URIs, in JSON. */
    public record Written(@JsonSerialize(using = ToStringSerializer.class) Path image, String label,
                          double probability, @JsonSerialize(using = ToStringSerializer.class) Path png,
                          @JsonSerialize(using = ToStringSerializer.class) Path json, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * The raw map as {@code NAME.heatmap.json} holds it.
     *
     * @param cam        the map before clipping, row-major, {@code height} rows of {@code width} (see {@link HeatMap})
     * @param normalised what the PNG shows: positive values only, the hottest cell 1
     */
    public record MapFile(int version, String image, String label, double probability, int width, int height,
                          float[] cam, float[] normalised) {
        public static final int VERSION = 1;
    }

    /**
     * @param label the class to show for every image, or null for each image's most probable class
     * @throws IllegalArgumentException when the model has no such class
     */
    public List<Written> write(List<Path> images, String label, JobMonitor monitor) throws IOException {
        if (label != null && !explainer.model().labels().contains(label)) {
            throw new IllegalArgumentException("The model has no class '" + label + "'; its classes are "
                    + String.join(", ", explainer.model().labels()) + ".");
        }
        OutputGuard.checkFolder(folder, images);
        Files.createDirectories(folder);
        monitor.stage("Explaining " + Plurals.of(images.size(), "image"));
        List<Written> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path image : images) {
            monitor.checkCancelled();
            try {
                Explanation e = explainer.explain(image);
                HeatMap map = label == null ? e.heatMap(e.topClass()) : e.heatMap(label);
                String name = unique(names, image);
                Path png = folder.resolve(name + SUFFIX + ".png");
                if (!HeatMapPng.isLoupes(png)) {
                    OutputGuard.check(png, images);
                }
                Path file = json ? folder.resolve(name + SUFFIX + ".json") : null;
                if (file != null) {
                    OutputGuard.check(file, images);
                }
                BufferedImage photo = ImageResizer.thumbnail(ImageDecoder.decode(image, MAX_SIDE / 2), MAX_SIDE);
                BufferedImage picture = HeatMapPainter.blend(photo, map, opacity);
                AtomicFiles.write(png, o -> HeatMapPng.write(picture, o));
                if (file != null) {
                    MapFile raw = new MapFile(MapFile.VERSION, image.toString(), map.label(), map.probability(),
                            map.width(), map.height(), map.cam(), map.normalised());
                    byte[] bytes = JSON.writeValueAsBytes(raw);
                    AtomicFiles.write(file, o -> o.write(bytes));
                }
                out.add(new Written(image, map.label(), map.probability(), png, file, null));
            } catch (ImageDecodeException e) {
                out.add(new Written(image, null, Double.NaN, null, null, e.reason()));
            } catch (OutputRefusedException e) {
                out.add(new Written(image, null, Double.NaN, null, null, e.getMessage()));
            }
            monitor.progress(out.size(), images.size());
        }
        return out;
    }

    /** The image's name without its extension, made unique among this run's outputs (case-insensitively). */
    private static String unique(Set<String> names, Path image) {
        String base = image.getFileName().toString();
        int dot = base.lastIndexOf('.');
        base = dot > 0 ? base.substring(0, dot) : base;
        String name = base;
        for (int i = 2; !names.add(name.toLowerCase(Locale.ROOT)); i++) {
            name = base + "-" + i;
        }
        return name;
    }
}
