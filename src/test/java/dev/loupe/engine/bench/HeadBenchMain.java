package dev.loupe.engine.bench;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;

/**
 * Runs only the head-training part of {@code loupe bench}, which otherwise takes minutes of backbone runs first:
 * {@code java -cp <test-classes>:<classes>:<lib>/* dev.loupe.engine.bench.HeadBenchMain [feature-dim] [runs] [examples]}
 * (default 1280, 1, 10,000).
 * Prints figures; asserts nothing (timing belongs in benchmarks, not tests).
 */
public final class HeadBenchMain {

    private HeadBenchMain() {
    }

    public static void main(String[] args) {
        int dim = args.length > 0 ? Integer.parseInt(args[0]) : 1280;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int examples = args.length > 2 ? Integer.parseInt(args[2]) : HeadBench.EXAMPLES;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 1; i <= runs; i++) {
            long cpu = os.getProcessCpuTime();
            HeadBench bench = HeadBench.run(dim, examples);
            // CPU time as well as wall time: on a shared machine the wall time mostly measures the other processes.
            System.out.printf("run %d: %.2f s wall, %.2f s process CPU; %s; final train loss %.4f%n", i,
                    bench.seconds(), (os.getProcessCpuTime() - cpu) / 1e9, bench.setup(),
                    bench.head().history().get(bench.head().history().size() - 1).trainLoss());
        }
    }
}
