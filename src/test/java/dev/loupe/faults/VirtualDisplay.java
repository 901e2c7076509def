package dev.loupe.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** An Xvfb X server on a free display number, for a case that needs JavaFX to reach a display; stopped on close. */
final class VirtualDisplay implements AutoCloseable {

    private final Process xvfb;
    private final int number;

    private VirtualDisplay(Process xvfb, int number) {
        this.xvfb = xvfb;
        this.number = number;
    }

    static VirtualDisplay start() throws Exception {
        for (int n = 150; n < 200; n++) {
            if (Files.exists(Path.of("/tmp/.X" + n + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                continue;
            }
            Process p;
            try {
                p = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "640x480x24", "-nolisten", "tcp")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new IllegalStateException("This case needs Xvfb (Debian: apt-get install xvfb): " + e.getMessage(),
                        e);
            }
            Path socket = Path.of("/tmp/.X11-unix/X" + n);
            long until = System.currentTimeMillis() + 10_000;
            while (p.isAlive() && !Files.exists(socket) && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            if (Files.exists(socket)) {
                return new VirtualDisplay(p, n);
            }
            p.destroy();
        }
        throw new IllegalStateException("Could not start Xvfb on any display from :150 to :199");
    }

    String name() {
        return ":" + number;
    }

    @Override
    public void close() throws InterruptedException {
        xvfb.destroy();
        if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
            xvfb.destroyForcibly();
        }
    }
}
