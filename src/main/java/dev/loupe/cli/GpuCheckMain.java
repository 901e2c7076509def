package dev.loupe.cli;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.bench.GpuCheck;

import java.nio.file.Path;

/**
 * Entry point of src/scripts/gpu-check.sh: runs {@link GpuCheck} and turns its verdict into the exit status (0 PASS,
 * 1 FAIL), so the engine itself never ends the JVM.
 */
public final class GpuCheckMain {

    private GpuCheckMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataset = Path.of(args.length > 0 ? args[0] : "sample-datasets/flowers");
        String id = args.length > 1 ? args[1] : BackboneRegistry.DEFAULT_ID;
        System.exit(GpuCheck.run(dataset, id) ? 0 : 1);
    }
}
