package dev.loupe.engine.backbone.download;

import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.JobMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The downloader against a server the test starts on 127.0.0.1; nothing leaves this machine. */
class DownloaderTest {

    private static final byte[] FILE = new byte[3_000_000];
    private static final long ADLER = Adler32Checksum.of(randomFill());
    private static final DownloadOptions LOCAL = DownloadOptions.defaults().withLoopbackHttp(true)
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));

    @TempDir Path dir;

    private static byte[] randomFill() {
        new Random(7).nextBytes(FILE);
        return FILE;
    }

    @Test
    void downloadsVerifiesAndMovesIntoPlaceReportingBytes() throws Exception {
        Path target = dir.resolve("zoo/model.zip");
        RecordingMonitor monitor = new RecordingMonitor();
        try (LocalServer server = new LocalServer(FILE, LocalServer.Mode.SERVE)) {
            new Downloader(LOCAL).download(server.url("/models/model.zip"), ADLER, target, monitor);
            assertThat(server.ranges).containsExactly("");
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(FILE);
        assertThat(Downloader.partFile(target)).doesNotExist();
        long[] last = monitor.progress.get(monitor.progress.size() - 1);
        assertThat(last).containsExactly(FILE.length, FILE.length);
        assertThat(monitor.statuses.get(monitor.statuses.size() - 1)).startsWith("3.0 MB of 3.0 MB, ").endsWith("/s");
    }

    @Test
    void aChecksumMismatchIsRejectedLeavingNoFileAndNoPart() throws Exception {
        Path target = dir.resolve("model.zip");
        try (LocalServer server = new LocalServer(FILE, LocalServer.Mode.SERVE)) {
            assertThatThrownBy(() -> new Downloader(LOCAL).download(server.url("/m.zip"), ADLER + 1, target,
                    JobMonitor.silent()))
                    .isInstanceOf(DownloadException.class).hasMessageContaining("is damaged (Adler32 checksum "
                            + ADLER + ", expected " + (ADLER + 1) + ") and was deleted");
        }
        assertThat(target).doesNotExist();
        assertThat(Downloader.partFile(target)).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequestOnTheNextRun() throws Exception {
        Path target = dir.resolve("model.zip");
        try (LocalServer server = new LocalServer(FILE, LocalServer.Mode.CUT_FIRST_RESPONSE)) {
            URI url = server.url("/m.zip");
            assertThatThrownBy(() -> new Downloader(LOCAL.withRetries(0)).download(url, ADLER, target,
                    JobMonitor.silent()))
                    .isInstanceOf(DownloadException.class).hasMessageContaining("interrupted")
                    .hasMessageContaining("run the same command again to resume");
            assertThat(target).doesNotExist();
            long kept = Files.size(Downloader.partFile(target));
            assertThat(kept).isPositive().isLessThan(FILE.length);

            new Downloader(LOCAL.withRetries(0)).download(url, ADLER, target, JobMonitor.silent());
            assertThat(server.ranges).containsExactly("", "bytes=" + kept + "-");
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(FILE);
        assertThat(Downloader.partFile(target)).doesNotExist();
    }

    @Test
    void aBrokenConnectionIsResumedAtOnceWhenRetriesAreAllowed() throws Exception {
        Path target = dir.resolve("model.zip");
        try (LocalServer server = new LocalServer(FILE, LocalServer.Mode.CUT_FIRST_RESPONSE)) {
            new Downloader(LOCAL.withRetries(1)).download(server.url("/m.zip"), ADLER, target, JobMonitor.silent());
            assertThat(server.ranges).hasSize(2).element(1).asString().matches("bytes=[1-9][0-9]*-");
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(FILE);
    }

    @Test
    void notFoundSaysSo() throws Exception {
        try (LocalServer server = new LocalServer(FILE, LocalServer.Mode.NOT_FOUND)) {
            assertThatThrownBy(() -> new Downloader(LOCAL).download(server.url("/gone.zip"), ADLER,
                    dir.resolve("gone.zip"), JobMonitor.silent()))
                    .isInstanceOf(DownloadException.class)
                    .hasMessageStartingWith("127.0.0.1 has no file at " + server.url("/gone.zip") + " (HTTP 404)");
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aStalledServerEndsInATimeOutNotAHang() throws Exception {
        DownloadOptions quick = LOCAL.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)).withRetries(0);
        try (LocalServer server = new LocalServer(FILE, LocalServer.Mode.STALL)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new Downloader(quick).download(server.url("/m.zip"), ADLER,
                    dir.resolve("m.zip"), JobMonitor.silent()))
                    .isInstanceOf(DownloadException.class).hasMessageStartingWith("The server stopped responding");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void anUnreachableHostSaysCheckYourConnection() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort + "/m.zip");
        assertThatThrownBy(() -> new Downloader(LOCAL).download(url, ADLER, dir.resolve("m.zip"),
                JobMonitor.silent()))
                .isInstanceOf(DownloadException.class)
                .hasMessage("Cannot reach 127.0.0.1: check your internet connection");
    }

    @Test
    void plainHttpIsRefusedUnlessATestAllowsItForThisMachine() {
        DownloadOptions real = DownloadOptions.defaults().withLoopbackHttp(false);
        assertThatThrownBy(() -> new Downloader(real).download(URI.create("http://127.0.0.1:9/m.zip"), ADLER,
                dir.resolve("m.zip"), JobMonitor.silent()))
                .hasMessageContaining("only https:// addresses are allowed");
        assertThatThrownBy(() -> new Downloader(LOCAL).download(URI.create("http://example.org/m.zip"), ADLER,
                dir.resolve("m.zip"), JobMonitor.silent()))
                .hasMessageContaining("only https:// addresses are allowed");
    }

    @Test
    void cancellingStopsTheDownloadAndKeepsThePartForLater() throws Exception {
        Path target = dir.resolve("model.zip");
        try (LocalServer server = new LocalServer(FILE, LocalServer.Mode.SERVE)) {
            assertThatThrownBy(() -> new Downloader(LOCAL).download(server.url("/m.zip"), ADLER, target,
                    new RecordingMonitor(1)))
                    .isInstanceOf(CancelledException.class);
        }
        assertThat(target).doesNotExist();
        assertThat(Downloader.partFile(target)).exists();
    }
}
