package dev.loupe.engine.features;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.onnx.ExportedBackbones;
import dev.loupe.engine.util.AppDirs;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --device cuda} where there is no CUDA: the machines that run the tests have no GPU and the default build
 * carries ONNX Runtime's CPU build, so asking for CUDA must fall back to the CPU, say why, and give the CPU's
 * features. (On a GPU machine, src/scripts/gpu-check.sh checks the CUDA features against the CPU's.)
 */
class CudaFallbackTest {

    @Test
    void runsOnTheCpuAndSaysWhyWhenCudaCannotBeHad() throws Exception {
        BackboneDescriptor d = BackboneRegistry.standard().require("mobilenet-v2-0.35");
        byte[] model = new ExportedBackbones(AppDirs.userCache().resolve("onnx")).load(d);
        Path flower;
        try (Stream<Path> photos = Files.list(SharedData.flowers().resolve("tulips"))) {
            flower = photos.sorted().findFirst().orElseThrow();
        }
        try (OrtFeatureExtractor cuda = OrtFeatureExtractor.open(d, model, 1, Device.CUDA);
             OrtFeatureExtractor cpu = OrtFeatureExtractor.open(d, model, 1, Device.CPU)) {
            assertThat(cuda.device()).isEqualTo(Device.CPU);
            assertThat(cuda.fallback()).startsWith("CUDA is not available here, so the network runs on the CPU (")
                    .endsWith("to use a GPU, build Loupe with -Pcuda and install an NVIDIA driver, CUDA 12 and cuDNN 9.")
                    .doesNotContain("\n");
            assertThat(cpu.fallback()).isNull();
            float[] pixels = ImagePreparer.prepare(flower, cpu.inputSpec());
            assertThat(cuda.extract(pixels, 1)[0]).containsExactly(cpu.extract(pixels, 1)[0]);
        }
    }
}
