package dev.loupe.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real small or read-only file system for the fault tests. As root (as on CI) a tmpfs of a few hundred kilobytes
 * is mounted, or a folder bind-mounted read-only; anyone else gets {@code null} and the test falls back to what it
 * can still assert (and says so in the results), rather than passing without trying.
 */
final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** A tmpfs of {@code kilobytes} at {@code dir}, or null when this user cannot mount. */
    static SmallDisk tmpfs(Path dir, int kilobytes) throws Exception {
        Files.createDirectories(dir);
        return root() && run("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k", "tmpfs", dir.toString())
                ? new SmallDisk(dir) : null;
    }

    /** {@code source} shown read-only at {@code dir}, or null when this user cannot mount. */
    static SmallDisk readOnly(Path source, Path dir) throws Exception {
        Files.createDirectories(dir);
        if (!root() || !run("mount", "--bind", source.toString(), dir.toString())) {
            return null;
        }
        SmallDisk disk = new SmallDisk(dir);
        if (!run("mount", "-o", "remount,ro,bind", dir.toString())) {
            disk.close();
            return null;
        }
        return disk;
    }

    /** Writes a filler file until the disk refuses; returns it so the test can free the space again. */
    Path fill() throws IOException {
        Path filler = mountPoint.resolve("filler.bin");
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            return filler;
        }
    }

    @Override
    public void close() throws Exception {
        run("umount", "-l", mountPoint.toString());
    }

    private static boolean run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
