package dev.loupe.engine.backbone.download;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/** Which addresses Loupe downloads from: HTTPS anywhere; plain HTTP only to this machine, and only when a test asks. */
final class UrlPolicy {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    private UrlPolicy() {
    }

    static void check(URI url, boolean allowLoopbackHttp) throws DownloadException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") && allowLoopbackHttp && LOOPBACK.contains(host)) {
            return;
        }
        throw new DownloadException("Refusing to download " + url + ": only https:// addresses are allowed, so the "
                + "weights cannot be altered on the way");
    }
}
