package dev.loupe.engine.backbone;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The backbones Loupe knows: the bundled ones listed in {@code /loupe/backbones/index.json}, DL4J's zoo (downloadable
 * or downloaded) and the user's imports.
 */
public final class BackboneRegistry {

    /**
     * The backbone used when the user names none: the most accurate bundled one on the flowers (5-fold 0.82 against
     * 0.79 for MobileNetV2 0.35 and 0.74 for v1 0.25; see docs/benchmarks.md) at about twice v2 0.35's cost.
     */
    public static final String DEFAULT_ID = "mobilenet-v1-0.75";

    static final String RESOURCE_ROOT = "/loupe/backbones/";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final List<BackboneDescriptor> backbones;

    private BackboneRegistry(List<BackboneDescriptor> backbones) {
        this.backbones = List.copyOf(backbones);
    }

    /** The registry of everything bundled with this build. */
    public static BackboneRegistry bundled() {
        try (InputStream in = resource("index.json")) {
            String[] ids = JSON.readValue(in, String[].class);
            List<BackboneDescriptor> list = new ArrayList<>();
            for (String id : ids) {
                try (InputStream d = resource(id + "/backbone.json")) {
                    list.add(JSON.readValue(d, BackboneDescriptor.class));
                }
            }
            return new BackboneRegistry(list);
        } catch (IOException e) {
            throw new UncheckedIOException("Loupe's bundled backbone list is damaged: reinstall Loupe", e);
        }
    }

    /**
     * Everything this user can choose from: bundled first, then the zoo, then imports. An import whose id clashes with
     * an earlier entry is left out (the importer refuses such ids; a hand-edited folder may not).
     */
    public static BackboneRegistry standard() {
        List<BackboneDescriptor> list = new ArrayList<>(bundled().all());
        list.addAll(ZooCatalogue.descriptors());
        for (BackboneDescriptor d : ImportedBackbones.list()) {
            if (list.stream().noneMatch(b -> b.id().equals(d.id()))) {
                list.add(d);
            }
        }
        return new BackboneRegistry(list);
    }

    /** A registry of the given backbones (imports, tests). */
    public static BackboneRegistry of(List<BackboneDescriptor> backbones) {
        return new BackboneRegistry(backbones);
    }

    public List<BackboneDescriptor> all() {
        return backbones;
    }

    public Optional<BackboneDescriptor> find(String id) {
        return backbones.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /** The backbone with this id, or an error that lists the known ids. */
    public BackboneDescriptor require(String id) throws BackboneException {
        return find(id).orElseThrow(() -> new BackboneException("Unknown backbone '" + id + "'. Known: "
                + String.join(", ", backbones.stream().map(BackboneDescriptor::id).toList())
                + " (see 'loupe backbones')"));
    }

    static InputStream resource(String path) throws IOException {
        InputStream in = BackboneRegistry.class.getResourceAsStream(RESOURCE_ROOT + path);
        if (in == null) {
            throw new IOException("missing resource " + RESOURCE_ROOT + path);
        }
        return in;
    }
}
