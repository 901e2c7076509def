package dev.loupe.engine.util;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;

class CoreBlocksTest {

    @Test
    void theBlocksCoverEveryRowOnceInOrder() {
        for (int rows : new int[] {0, 1, 7, 1_000, 60_001}) {
            for (int blocks : new int[] {1, 2, 3, 8}) {
                assertThat(CoreBlocks.start(rows, 0, blocks)).isZero();
                assertThat(CoreBlocks.start(rows, blocks, blocks)).isEqualTo(rows);
                AtomicIntegerArray seen = new AtomicIntegerArray(rows);
                CoreBlocks.run(blocks, b -> {
                    for (int i = CoreBlocks.start(rows, b, blocks); i < CoreBlocks.start(rows, b + 1, blocks); i++) {
                        seen.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < rows; i++) {
                    assertThat(seen.get(i)).as("row %d of %d in %d blocks", i, rows, blocks).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void mappedResultsComeInBlockOrderWhicheverFinishesFirst() {
        List<Integer> out = CoreBlocks.map(6, b -> {
            try {
                Thread.sleep(10L * (6 - b)); // the last block finishes first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return b;
        });
        assertThat(out).containsExactly(0, 1, 2, 3, 4, 5);
    }
}
