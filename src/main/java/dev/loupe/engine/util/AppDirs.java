package dev.loupe.engine.util;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where Loupe's own files live: the install folder (bundled samples), and each OS's conventional per-user data and
 * cache folders (XDG on Linux, ~/Library on macOS, %LOCALAPPDATA% on Windows). Never the working directory, which
 * means nothing inside an installed app.
 */
public final class AppDirs {

    private static final String APP = "Loupe";

    private AppDirs() {
    }

    /**
     * The folder Loupe is installed in: {@code -Dloupe.home} (set by the {@code ./loupe} script and the installers),
     * else the folder above the jar (target/.. in a source checkout).
     */
    public static Path home() {
        String prop = System.getProperty("loupe.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        try {
            Path jar = Path.of(AppDirs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("sample-datasets"))) {
                    return p;
                }
            }
        } catch (Exception e) {
            // fall through: unusual class loaders have no code source
        }
        return Path.of("").toAbsolutePath();
    }

    /**
     * The bundled sample dataset (the flowers). An installed app's folder is read-only, and a dataset is something the
     * user edits, so there the sample is first copied to the user's data folder and the copy is returned.
     */
    public static Path sampleDataset() {
        Path bundled = home().resolve("sample-datasets").resolve("flowers");
        if (!Files.isDirectory(bundled) || Files.isWritable(bundled)) {
            return bundled;
        }
        Path copy = userData().resolve("samples").resolve("flowers");
        try {
            if (!Files.isDirectory(copy)) {
                FolderCopy.copy(bundled, copy);
            }
            return copy;
        } catch (java.io.IOException e) {
            return bundled;
        }
    }

    /**
     * Per-user data: catalogues of read-only datasets, settings that are not preferences. {@code -Dloupe.data.dir}
     * overrides it (tests, portable installs).
     */
    public static Path userData() {
        String override = System.getProperty("loupe.data.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = os();
        String home = System.getProperty("user.home");
        if (os.contains("win")) {
            return Path.of(envOr("LOCALAPPDATA", home + "\\AppData\\Local"), APP);
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", APP);
        }
        return Path.of(envOr("XDG_DATA_HOME", home + "/.local/share"), "loupe");
    }

    /**
     * Per-user cache: downloaded backbones, exported ONNX backbones, thumbnails of read-only datasets.
     * {@code -Dloupe.cache.dir} overrides it (tests, portable installs).
     */
    public static Path userCache() {
        String override = System.getProperty("loupe.cache.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = os();
        String home = System.getProperty("user.home");
        if (os.contains("win")) {
            return Path.of(envOr("LOCALAPPDATA", home + "\\AppData\\Local"), APP, "Cache");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Caches", APP);
        }
        return Path.of(envOr("XDG_CACHE_HOME", home + "/.cache"), "loupe");
    }

    private static String os() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
