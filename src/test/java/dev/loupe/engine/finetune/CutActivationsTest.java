package dev.loupe.engine.finetune;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The cut-activation cache keeps every value within half a step of a byte, in order, and refuses a bad file. */
class CutActivationsTest {

    private static final CutActivations.Shape SHAPE = new CutActivations.Shape(3, 2, 2, 6f);

    @TempDir Path dir;

    @Test
    void valuesComeBackWithinHalfAStepInTheOrderWritten() throws IOException {
        Random random = new Random(1);
        float[] values = new float[5 * SHAPE.values()];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * 6f;
        }
        values[0] = 7f;  // above ReLU6's range: kept as 6
        Path file = dir.resolve("cut.bin");
        try (CutActivations.Writer w = new CutActivations.Writer(file, SHAPE)) {
            w.append(java.util.Arrays.copyOfRange(values, 0, 2 * SHAPE.values()), 2);
            w.append(java.util.Arrays.copyOfRange(values, 2 * SHAPE.values(), values.length), 3);
            w.commit();
        }
        assertThat(Files.size(file)).isEqualTo(CutActivations.HEADER + 5L * SHAPE.values());
        try (CutActivations.Reader r = new CutActivations.Reader(file)) {
            assertThat(r.count()).isEqualTo(5);
            assertThat(r.shape()).isEqualTo(SHAPE);
            float[] back = new float[values.length];
            for (int i = 4; i >= 0; i--) {
                r.read(i, back, i * SHAPE.values());
            }
            assertThat(back[0]).isEqualTo(6f);
            for (int i = 1; i < values.length; i++) {
                assertThat(back[i]).isCloseTo(values[i], within(6f / 510 + 1e-6f));
            }
            assertThatThrownBy(() -> r.read(5, back, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void aFileNotCommittedNeverTakesTheTargetsPlace() throws IOException {
        Path file = dir.resolve("cut.bin");
        try (CutActivations.Writer w = new CutActivations.Writer(file, SHAPE)) {
            w.append(new float[SHAPE.values()], 1);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aTruncatedFileAnotherVersionOrAnotherFileIsRefusedInWords() throws IOException {
        Path file = dir.resolve("cut.bin");
        try (CutActivations.Writer w = new CutActivations.Writer(file, SHAPE)) {
            w.append(new float[2 * SHAPE.values()], 2);
            w.commit();
        }
        byte[] whole = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("truncated.bin"), java.util.Arrays.copyOf(whole, whole.length - 1));
        assertThatThrownBy(() -> new CutActivations.Reader(truncated)).hasMessageContaining("is damaged");
        byte[] other = whole.clone();
        ByteBuffer.wrap(other).order(ByteOrder.LITTLE_ENDIAN).putInt(8, CutActivations.VERSION + 1);
        Path newer = Files.write(dir.resolve("newer.bin"), other);
        assertThatThrownBy(() -> new CutActivations.Reader(newer)).hasMessageContaining("format "
                + (CutActivations.VERSION + 1));
        Path png = Files.write(dir.resolve("photo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThatThrownBy(() -> new CutActivations.Reader(png)).hasMessageContaining("not a file of cut activations");
    }
}
