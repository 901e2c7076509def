package dev.loupe.engine.util;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The engine's one way of spreading rows over the cores: the rows cut into contiguous blocks ({@link #start}), the
 * blocks run side by side on the common ForkJoin pool, the calling thread taking a share. The cut depends only on the
 * number of rows and of blocks, never on which thread ran what, so results gathered in block order (a sum, a
 * concatenation) are the same on every run. BLAS runs on one thread in Loupe ({@link Natives#limitBlasThreads}):
 * products cut this way are how a matrix product uses every core.
 */
public final class CoreBlocks {

    private CoreBlocks() {
    }

    /** The cores this process may use: the usual number of blocks (a few times it where blocks vary in cost). */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The first row of {@code block} of {@code rows} cut into {@code blocks}; "block {@code blocks}" is the end. */
    public static int start(int rows, int block, int blocks) {
        return (int) ((long) rows * block / blocks);
    }

    /** Runs {@code block} for every block number in {@code [0, blocks)}, side by side; returns when all are done. */
    public static void run(int blocks, IntConsumer block) {
        if (blocks == 1) {
            block.accept(0); // no hand-over for a small job: a query's scan runs on its caller
            return;
        }
        IntStream.range(0, blocks).parallel().forEach(block);
    }

    /** As {@link #run}, each block's result in block order, whichever finished first. */
    public static <T> List<T> map(int blocks, IntFunction<T> block) {
        if (blocks == 1) {
            return List.of(block.apply(0));
        }
        return IntStream.range(0, blocks).parallel().mapToObj(block).toList();
    }
}
