package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.loupe.engine.backbone.download.DownloadOptions;
import dev.loupe.testing.SharedData;
import org.deeplearning4j.common.resources.DL4JResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code loupe backbones} (list, download, import) and classifying with a Teachable Machine export. */
class BackbonesCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TM_LABELS = List.of("노마스크", "마스크", "가위", "바위", "보");

    @TempDir Path tmp;

    @BeforeEach
    void useTempDirs() {
        System.setProperty("loupe.data.dir", tmp.resolve("data").toString());
        System.setProperty("loupe.cache.dir", tmp.resolve("cache").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("loupe.data.dir");
        System.clearProperty("loupe.cache.dir");
    }

    @Test
    void jsonListsBundledAndDownloadableBackbonesWithTheirState() throws Exception {
        CliRun run = CliRun.of("backbones", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode all = JSON.readTree(run.out());
        assertThat(all.size()).isGreaterThanOrEqualTo(6);
        assertThat(state(all, "mobilenet-v2-0.35")).isEqualTo("BUNDLED");
        assertThat(state(all, "resnet50")).isEqualTo("DOWNLOADABLE");
        assertThat(find(all, "vgg16").get("cutLayer").asText()).isEqualTo("19");
    }

    @Test
    void downloadFromALocalServerRejectsAFileWithTheWrongChecksumAndLeavesNothing() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> paths = new ArrayList<>();
        server.createContext("/", ex -> {
            paths.add(ex.getRequestURI().getPath());
            byte[] body = "not squeezenet".getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        String base = DL4JResources.getBaseDownloadURL();
        try {
            DL4JResources.setBaseDownloadURL("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            System.setProperty(DownloadOptions.LOOPBACK_HTTP_PROPERTY, "true");
            CliRun run = CliRun.of("backbones", "download", "squeezenet", "-q");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err()).contains("is damaged (Adler32 checksum").contains("and was deleted");
            assertThat(paths).containsExactly("/models/squeezenet_dl4j_inference.v2.zip");
            assertThat(tmp.resolve("cache/backbones/squeezenet")).isEmptyDirectory();
        } finally {
            System.clearProperty(DownloadOptions.LOOPBACK_HTTP_PROPERTY);
            DL4JResources.setBaseDownloadURL(base);
            server.stop(0);
        }
    }

    @Test
    void downloadingABundledBackboneSaysThereIsNothingToDownload() {
        CliRun run = CliRun.of("backbones", "download", "mobilenet-v2-0.35");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Backbone mobilenet-v2-0.35 is bundled: there is nothing to download");
    }

    @Test
    void aTeachableMachineExportImportsAsABackboneAndClassifiesWithItsOwnKoreanLabels() throws Exception {
        Path tm = Files.createDirectories(tmp.resolve("tm"));
        for (String f : List.of("model.json", "weights.bin", "metadata.json")) {
            Files.copy(SharedData.root().resolve("models/mobilenet_v2_0.35_224").resolve(f), tm.resolve(f));
        }
        CliRun imported = CliRun.of("backbones", "import", tm.toString(), "--name", "TM hands", "-q");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("as backbone 'tm-hands': cut at "
                + "global_average_pooling2d_GlobalAveragePooling2D2, 1280 features, 224x224 input");
        assertThat(state(JSON.readTree(CliRun.of("backbones", "--json").out()), "tm-hands")).isEqualTo("IMPORTED");

        Path rose = Files.list(SharedData.flowers().resolve("roses")).sorted().findFirst().orElseThrow();
        CliRun run = CliRun.of("classify", tm.toString(), rose.toString(), "--top", "5", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode top = JSON.readTree(run.out()).get(0).get("top");
        List<String> labels = new ArrayList<>();
        top.forEach(s -> labels.add(s.get("label").asText()));
        assertThat(labels).containsExactlyInAnyOrderElementsOf(TM_LABELS);
        CliRun text = CliRun.of("classify", tm.toString(), rose.toString(), "--top", "1", "-q");
        assertThat(text.out()).startsWith(rose + ": ").containsAnyOf(TM_LABELS.toArray(String[]::new));

        CliRun removed = CliRun.of("backbones", "remove", "tm-hands");
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(removed.out()).startsWith("Removed backbone tm-hands");
        assertThat(CliRun.of("backbones", "--json").out()).doesNotContain("tm-hands");
        assertThat(tm.resolve("weights.bin")).as("the files imported from are not touched").exists();
        CliRun again = CliRun.of("backbones", "import", tm.toString(), "--name", "TM hands", "-q");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err()).contains("belonged to a backbone you removed").contains("choose another --name");
    }

    @Test
    void onlyImportedAndDownloadedBackbonesCanBeRemoved() {
        CliRun bundled = CliRun.of("backbones", "remove", "mobilenet-v2-0.35");
        assertThat(bundled.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bundled.err()).contains("ships with Loupe and cannot be removed");
        assertThat(CliRun.of("backbones", "remove", "resnet50").err()).contains("is not downloaded");
        assertThat(CliRun.of("backbones", "remove", "nope").err()).contains("Unknown backbone 'nope'");
    }

    private static String state(JsonNode all, String id) {
        return find(all, id).get("state").asText();
    }

    private static JsonNode find(JsonNode all, String id) {
        for (JsonNode b : all) {
            if (b.get("id").asText().equals(id)) {
                return b;
            }
        }
        throw new AssertionError("no backbone " + id + " in " + all);
    }
}
