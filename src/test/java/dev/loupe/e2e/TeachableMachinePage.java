package dev.loupe.e2e;

import com.sun.net.httpserver.HttpServer;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Teachable Machine's own JavaScript library ({@code @teachablemachine/image} 0.8.5 on the TF.js 1.3.1 it is built
 * for, from .ci/validators) loading a TF.js export in Chromium and classifying images with {@code predict}, as a
 * Teachable Machine web page does. Served over HTTP from 127.0.0.1 (the library fetches model.json).
 */
final class TeachableMachinePage {

    private static final String HARNESS = """
            <!DOCTYPE html><meta charset="utf-8">
            <script src="tf.min.js"></script><script src="teachablemachine-image.min.js"></script>
            <script>
            window.classify = async (names) => {
              const model = await tmImage.load('model/model.json', 'model/metadata.json');
              const out = [];
              for (const n of names) {
                const img = new Image();
                img.src = 'images/' + n;
                await img.decode();
                out.push(await model.predict(img));
              }
              return out;
            };
            </script>
            """;

    private TeachableMachinePage() {
    }

    /** Each image's probabilities by label, as the library returns them. */
    static List<List<Map<String, Object>>> classify(Path export, List<Path> images, Path work) throws Exception {
        Path nodeModules = Validators.NODE_DIR.resolve("node_modules");
        Path root = Files.createDirectories(work.resolve("tm-site"));
        Files.writeString(root.resolve("index.html"), HARNESS);
        Files.copy(nodeModules.resolve("tfjs-for-teachable-machine/dist/tf.min.js"), root.resolve("tf.min.js"));
        Files.copy(nodeModules.resolve("@teachablemachine/image/dist/teachablemachine-image.min.js"),
                root.resolve("teachablemachine-image.min.js"));
        Path model = Files.createDirectories(root.resolve("model"));
        for (String f : List.of("model.json", "weights.bin", "metadata.json")) {
            Files.copy(export.resolve(f), model.resolve(f));
        }
        Path dir = Files.createDirectories(root.resolve("images"));
        List<String> names = images.stream().map(p -> p.getFileName().toString()).toList();
        for (Path p : images) {
            Files.copy(p, dir.resolve(p.getFileName().toString()));
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                String type = file.toString().endsWith(".html") ? "text/html" : file.toString().endsWith(".js")
                        ? "text/javascript" : file.toString().endsWith(".json") ? "application/json"
                        : file.toString().endsWith(".png") ? "image/png" : "application/octet-stream";
                exchange.getResponseHeaders().add("Content-Type", type);
                exchange.sendResponseHeaders(200, Files.size(file));
                try (var out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            }
            exchange.close();
        });
        server.start();
        ChromeDriver driver = WebPage.chromium();
        try {
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(300));
            driver.get("http://127.0.0.1:" + server.getAddress().getPort() + "/index.html");
            Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "window.classify(arguments[0]).then(done, e => done('error: ' + e));", names);
            if (result instanceof String error) {
                throw new AssertionError("Teachable Machine's library failed on the export: " + error);
            }
            @SuppressWarnings("unchecked")
            List<List<Map<String, Object>>> answers = (List<List<Map<String, Object>>>) result;
            return answers;
        } finally {
            driver.quit();
            server.stop(0);
        }
    }
}
