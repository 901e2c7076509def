package dev.loupe.engine.backbone.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 that the test starts and stops: serves one file (honouring Range requests) and can
 * misbehave the way real networks do. It records each request's Range header.
 */
final class LocalServer implements AutoCloseable {

    enum Mode { SERVE, CUT_FIRST_RESPONSE, NOT_FOUND, STALL }

    final List<String> ranges = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final byte[] file;
    private final Mode mode;
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    LocalServer(byte[] file, Mode mode) throws IOException {
        this.file = file;
        this.mode = mode;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange ex) throws IOException {
        int n = requests.incrementAndGet();
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "" : range);
        if (mode == Mode.NOT_FOUND) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-.*", "$1"));
        if (from > 0) {
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (file.length - 1) + "/" + file.length);
        }
        ex.sendResponseHeaders(from > 0 ? 206 : 200, file.length - from);
        OutputStream out = ex.getResponseBody();
        if (mode == Mode.STALL) {
            out.write(file, 0, 10);
            out.flush();
            await();
        } else if (mode == Mode.CUT_FIRST_RESPONSE && n == 1) {
            out.write(file, 0, file.length / 3);
            out.flush();
            // Closing a fixed-length response early drops the connection: the client sees a premature end.
            ex.close();
            return;
        } else {
            out.write(file, from, file.length - from);
        }
        ex.close();
    }

    private void await() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
