package dev.loupe.engine.backbone.download;

import dev.loupe.engine.jobs.JobMonitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One HTTP attempt: asks for the bytes after those already in the {@code .part} file (a Range request) and appends
 * them. A server that ignores the Range and sends the whole file (200) restarts the file from the beginning.
 */
final class HttpTransfer {

    /** The connection ended before the whole file came: worth resuming. */
    static final class Interrupted extends Exception {
        Interrupted(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private final URI url;
    private final DownloadOptions options;

    HttpTransfer(URI url, DownloadOptions options) {
        this.url = url;
        this.options = options;
    }

    /** Fills {@code part} to the end of the file; returns the number of bytes it holds. */
    long run(Path part, JobMonitor monitor) throws DownloadException, Interrupted {
        String host = url.getHost();
        long have = Files.exists(part) ? size(part) : 0;
        HttpURLConnection c = open(have);
        int code = status(c);
        if (code == 416 && have > 0) {
            // The .part file is not a prefix the server can continue (the file changed): start again.
            c.disconnect();
            delete(part);
            return run(part, monitor);
        }
        if (code == 404 || code == 410) {
            throw new DownloadException(host + " has no file at " + url + " (HTTP " + code + "): the backbone may have "
                    + "moved; a newer Loupe may know its new address");
        }
        if (code != 200 && code != 206) {
            throw new DownloadException(host + " answered HTTP " + code + " for " + url + "; try again later");
        }
        boolean append = code == 206;
        long start = append ? have : 0;
        long length = c.getContentLengthLong();
        long total = length < 0 ? -1 : start + length;
        TransferProgress progress = new TransferProgress(monitor, start);
        progress.total(total);
        long done = start;
        try (InputStream in = c.getInputStream(); OutputStream out = Files.newOutputStream(part,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                monitor.checkCancelled();
                out.write(buf, 0, n);
                done += n;
                progress.update(done, false);
            }
        } catch (SocketTimeoutException e) {
            throw stalled(e);
        } catch (IOException e) {
            throw new Interrupted("the connection to " + host + " broke after " + TransferProgress.mb(done), e);
        } finally {
            c.disconnect();
        }
        progress.update(done, true);
        if (total > 0 && done < total) {
            throw new Interrupted(host + " closed the connection after " + TransferProgress.mb(done) + " of "
                    + TransferProgress.mb(total), null);
        }
        return done;
    }

    private HttpURLConnection open(long have) throws DownloadException {
        try {
            HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
            c.setConnectTimeout((int) options.connectTimeout().toMillis());
            c.setReadTimeout((int) options.readTimeout().toMillis());
            c.setInstanceFollowRedirects(true);
            c.setRequestProperty("User-Agent", "Loupe");
            if (have > 0) {
                c.setRequestProperty("Range", "bytes=" + have + "-");
            }
            c.connect();
            return c;
        } catch (UnknownHostException | ConnectException | NoRouteToHostException | SocketTimeoutException e) {
            throw unreachable(e);
        } catch (IOException e) {
            throw new DownloadException("Cannot download " + url + ": " + e.getMessage(), e);
        }
    }

    private int status(HttpURLConnection c) throws DownloadException {
        try {
            return c.getResponseCode();
        } catch (SocketTimeoutException e) {
            throw stalled(e);
        } catch (UnknownHostException | ConnectException | NoRouteToHostException e) {
            throw unreachable(e);
        } catch (IOException e) {
            throw new DownloadException("Cannot download " + url + ": " + e.getMessage(), e);
        }
    }

    private DownloadException unreachable(IOException e) {
        return new DownloadException("Cannot reach " + url.getHost() + ": check your internet connection", e);
    }

    private DownloadException stalled(IOException e) {
        return new DownloadException("The server stopped responding: " + url.getHost() + " sent nothing for "
                + options.readTimeout().toSeconds() + " s. What arrived is kept: run the same command again to "
                + "resume", e);
    }

    private static long size(Path part) throws DownloadException {
        try {
            return Files.size(part);
        } catch (IOException e) {
            throw new DownloadException("Cannot read " + part + ": " + e.getMessage(), e);
        }
    }

    static void delete(Path part) throws DownloadException {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            throw new DownloadException("Cannot delete " + part + ": " + e.getMessage(), e);
        }
    }
}
