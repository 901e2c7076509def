package dev.loupe.ui.train;

import com.sun.net.httpserver.HttpServer;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.BackboneState;
import dev.loupe.engine.backbone.ZooCatalogue;
import dev.loupe.engine.backbone.download.DownloadOptions;
import dev.loupe.engine.backbone.download.Downloader;
import dev.loupe.engine.jobs.Job;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import org.deeplearning4j.common.resources.DL4JResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Adler32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17, point 9: the backbone list marks what is downloaded, Download runs as a job of the session, and an attempt
 * to train on a backbone that is not downloaded adds no failed run. Downloads come from a server on 127.0.0.1 that
 * the test starts.
 */
class BackboneDownloadTest {

    private static final byte[] WEIGHTS = "pretend squeezenet weights".repeat(1000).getBytes();
    @TempDir Path root;
    @TempDir Path cache;
    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private DatasetSession session;

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("loupe.cache.dir", cache.toString());
        TestImages.dataset(root, 8, Color.RED, Color.GREEN, Color.BLUE);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            requests.add(ex.getRequestURI().getPath());
            ex.sendResponseHeaders(200, WEIGHTS.length);
            ex.getResponseBody().write(WEIGHTS);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        if (session != null) {
            session.close();
        }
        server.stop(0);
        System.clearProperty("loupe.cache.dir");
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/squeezenet.zip");
    }

    /** The fake backbone plus DL4J's zoo, as the cache in this test has it. */
    private static BackboneRegistry registry() {
        List<BackboneDescriptor> all = new ArrayList<>(List.of(FakeExtractor.DESCRIPTOR));
        all.addAll(ZooCatalogue.descriptors());
        return BackboneRegistry.of(all);
    }

    private TrainViewModel vm(BackboneJobs jobs) throws Exception {
        session = DatasetSession.open(root, new SessionServices(JobExecutor.inline(), Runnable::run,
                JobExecutor::inline));
        TrainServices fake = FakeTraining.services();
        TrainViewModel vm = new TrainViewModel(session, new TrainServices(registry(), fake.trainJobs(), jobs));
        vm.settings().backboneProperty().set(registry().find("squeezenet").orElseThrow());
        return vm;
    }

    /** Downloads with the engine's Downloader from the test's server, checked against the served file's checksum. */
    private BackboneJobs local() {
        Adler32 sum = new Adler32();
        sum.update(WEIGHTS);
        return new BackboneJobs() {
            @Override
            public Job<Path> download(BackboneDescriptor b) {
                return m -> new Downloader(DownloadOptions.defaults().withLoopbackHttp(true))
                        .download(url(), sum.getValue(), ZooCatalogue.file(b), m);
            }

            @Override
            public Job<BackboneDescriptor> importModel(Path model) {
                throw new UnsupportedOperationException();
            }

            @Override
            public BackboneRegistry reload() {
                return registry();
            }
        };
    }

    @Test
    void aBackboneNotDownloadedIsMarkedAndTrainingOnItAddsNoRun() throws Exception {
        TrainViewModel vm = vm(local());
        BackboneDescriptor squeeze = vm.settings().backboneProperty().get();
        assertThat(BackboneModel.needsDownload(squeeze)).isTrue();
        assertThat(BackbonePicker.describe(squeeze)).startsWith(squeeze.displayName() + " · download ")
                .endsWith(" MB");
        vm.retrain();
        assertThat(vm.messageProperty().get()).contains("is not downloaded yet: press Download");
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(session.runs().list()).as("no failed run").isEmpty();
    }

    @Test
    void theEngineAddsNoRunForABackboneNotDownloadedEither() throws Exception {
        TrainViewModel vm = vm(local());
        // The CLI's path: the training job itself refuses before it records a run.
        Job<?> train = TrainServices.of(registry(), new FakeExtractor().factory()).trainJobs()
                .create(root, session.runs(), vm.settings().toConfig(), null);
        assertThatThrownBy(() -> train.run(JobMonitor.silent())).hasMessageContaining("is not downloaded yet");
        assertThat(session.runs().list()).isEmpty();
    }

    @Test
    void downloadRunsAsAJobAndTheBackboneThenShowsAsDownloadedAndStaysChosen() throws Exception {
        TrainViewModel vm = vm(local());
        vm.backbones().download();
        assertThat(requests).containsExactly("/squeezenet.zip");
        BackboneDescriptor now = vm.settings().backboneProperty().get();
        assertThat(now.id()).isEqualTo("squeezenet");
        assertThat(now.state()).isEqualTo(BackboneState.DOWNLOADED);
        assertThat(BackboneModel.needsDownload(now)).isFalse();
        assertThat(Files.readAllBytes(ZooCatalogue.file(now))).isEqualTo(WEIGHTS);
        assertThat(vm.backbones().messageProperty().get()).startsWith("Downloaded ");
        assertThat(vm.settings().backbones()).filteredOn(b -> b.id().equals("squeezenet"))
                .extracting(BackboneDescriptor::state).containsExactly(BackboneState.DOWNLOADED);
    }

    @Test
    void theStudiosRealDownloadRefusesADamagedFileAndKeepsNothing() throws Exception {
        String base = DL4JResources.getBaseDownloadURL();
        System.setProperty(DownloadOptions.LOOPBACK_HTTP_PROPERTY, "true");
        try {
            DL4JResources.setBaseDownloadURL("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            TrainViewModel vm = vm(BackboneJobs.standard(BackboneDownloadTest::registry));
            vm.backbones().download();
            assertThat(requests).containsExactly("/models/squeezenet_dl4j_inference.v2.zip");
            assertThat(vm.backbones().messageProperty().get()).startsWith("Download ")
                    .contains("failed: ").contains("is damaged (Adler32 checksum");
            assertThat(BackboneModel.needsDownload(vm.settings().backboneProperty().get())).isTrue();
            assertThat(vm.backbones().busyProperty().get()).isFalse();
        } finally {
            DL4JResources.setBaseDownloadURL(base);
            System.clearProperty(DownloadOptions.LOOPBACK_HTTP_PROPERTY);
        }
    }
}
