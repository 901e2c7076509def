package dev.loupe.engine.backbone;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Sample photos prepared as the engine prepares them, batched into one tensor. */
final class TestImages {

    private TestImages() {
    }

    /** The first {@code count} photos of a class of the bundled sample flowers, by file name. */
    static List<Path> flowers(String label, int count) throws Exception {
        try (Stream<Path> files = Files.list(Path.of("sample-datasets/flowers", label))) {
            return files.filter(f -> f.toString().endsWith(".jpg")).sorted().limit(count).toList();
        }
    }

    static INDArray batch(List<Path> files, InputSpec spec) throws Exception {
        float[] pixels = new float[files.size() * spec.valuesPerImage()];
        for (int i = 0; i < files.size(); i++) {
            ImagePreparer.prepare(files.get(i), spec, pixels, i * spec.valuesPerImage());
        }
        long[] shape = spec.layout() == InputSpec.Layout.NCHW
                ? new long[]{files.size(), 3, spec.height(), spec.width()}
                : new long[]{files.size(), spec.height(), spec.width(), 3};
        return Nd4j.create(pixels, shape, 'c');
    }
}
