package dev.loupe.engine.backbone.download;

import java.time.Duration;

/**
 * How patient a download is, and whether plain HTTP to this machine is allowed.
 *
 * @param connectTimeout    how long to wait for the server to accept the connection
 * @param readTimeout       how long a read may wait for the next bytes before the server counts as stalled
 * @param retries           how many times a connection closed mid-file is resumed at once, before giving up (the
 *                          {@code .part} file stays, so a later run resumes too)
 * @param allowLoopbackHttp test-only: accept {@code http://} to 127.0.0.1/localhost, for tests that start their own
 *                          server. Real downloads are HTTPS only, so weights cannot be swapped on the way.
 */
public record DownloadOptions(Duration connectTimeout, Duration readTimeout, int retries, boolean allowLoopbackHttp) {

    /**
     * Test-only system property: {@code true} lets a whole CLI run in a test download over http from 127.0.0.1.
     * Never set it in a product; it has no effect on any other host.
     */
    public static final String LOOPBACK_HTTP_PROPERTY = "loupe.download.test-loopback-http";

    public DownloadOptions {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero() || retries < 0) {
            throw new IllegalArgumentException("time-outs must be positive and retries at least 0");
        }
    }

    /** 15 s to connect, 30 s without a byte, 2 immediate resumes; HTTPS only (unless the test property is set). */
    public static DownloadOptions defaults() {
        return new DownloadOptions(Duration.ofSeconds(15), Duration.ofSeconds(30), 2,
                Boolean.getBoolean(LOOPBACK_HTTP_PROPERTY));
    }

    public DownloadOptions withTimeouts(Duration connect, Duration read) {
        return new DownloadOptions(connect, read, retries, allowLoopbackHttp);
    }

    public DownloadOptions withRetries(int n) {
        return new DownloadOptions(connectTimeout, readTimeout, n, allowLoopbackHttp);
    }

    public DownloadOptions withLoopbackHttp(boolean allow) {
        return new DownloadOptions(connectTimeout, readTimeout, retries, allow);
    }
}
