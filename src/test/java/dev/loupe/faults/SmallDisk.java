package dev.loupe.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real read-only file system for the fault tests, and a way to fill a small one. As root (as on CI) a folder is
 * bind-mounted read-only; anyone else gets {@code null} and the test falls back to a folder without write permission
 * (and says so in the results), rather than passing without trying. Small disks are tmpfs mounts in a child's own
 * mount namespace: see {@link PrivateDisk}.
 */
final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
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

    /** Writes a filler file until the disk at {@code mountPoint} refuses; returns it to free the space again. */
    static Path fill(Path mountPoint) throws IOException {
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
