package dev.loupe.engine.backbone.tfjs;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A tiny hand-written TF.js model (Teachable Machine style: a Sequential holding a Dense with ReLU max_value 6 and
 * a second Dense) checks the weight mapping exactly, the shard size checks and the cut.
 */
class TfjsImporterTest {

    private static final String MODEL = """
            {"modelTopology": {"class_name": "Sequential", "keras_version": "tfjs-layers 1.3.1",
              "config": {"name": "outer", "layers": [
                {"class_name": "Sequential", "config": {"name": "inner", "layers": [
                  {"class_name": "Dense", "config": {"name": "d1", "units": 2, "activation": "linear",
                    "use_bias": true, "batch_input_shape": [null, 3], "kernel_initializer": ZEROS,
                    "bias_initializer": ZEROS}},
                  {"class_name": "ReLU", "config": {"name": "r1", "max_value": 6}}]}},
                {"class_name": "Dense", "config": {"name": "d2", "units": 1, "activation": "linear",
                  "use_bias": false, "kernel_initializer": ZEROS}}]}},
             "weightsManifest": [{"paths": ["w.bin"], "weights": [
               {"name": "d1/kernel", "shape": [3, 2], "dtype": "float32"},
               {"name": "d1/bias", "shape": [2], "dtype": "float32"},
               {"name": "d2/kernel", "shape": [2, 1], "dtype": "float32"}]}]}
            """.replace("ZEROS", "{\"class_name\": \"Zeros\", \"config\": {}}");

    // d1 kernel rows (inputs) x columns (units), then bias, then d2 kernel.
    private static final float[] WEIGHTS = {1, 2, 3, 4, 5, 6, 0.5f, -100, 1, 10};

    @TempDir
    Path dir;

    @Test
    void importsNestedModelWithExactWeights() throws Exception {
        write(WEIGHTS);
        ComputationGraph graph = TfjsImporter.load(ModelSource.directory(dir), null);
        INDArray out = graph.outputSingle(false, Nd4j.create(new float[]{1, 1, 1}, 1, 3));
        // d1 = [1+3+5+0.5, 2+4+6-100] = [9.5, -88]; ReLU6 -> [6, 0]; d2 = 6*1 + 0*10.
        assertThat(out.getDouble(0)).isEqualTo(6.0);
    }

    @Test
    void cutsAtALayer() throws Exception {
        write(WEIGHTS);
        ComputationGraph graph = TfjsImporter.load(ModelSource.directory(dir), "d1");
        INDArray out = graph.outputSingle(false, Nd4j.create(new float[]{1, 0, 0}, 1, 3));
        assertThat(out.toFloatVector()).containsExactly(1.5f, -98f);
        assertThat(graph.numParams()).isEqualTo(8);
    }

    @Test
    void rejectsShardsThatDoNotMatchTheManifest() throws Exception {
        write(java.util.Arrays.copyOf(WEIGHTS, 9));
        assertThatThrownBy(() -> TfjsImporter.load(ModelSource.directory(dir), null))
                .hasMessageContaining("hold 36 bytes, but model.json describes 40");
        write(java.util.Arrays.copyOf(WEIGHTS, 11));
        assertThatThrownBy(() -> TfjsImporter.load(ModelSource.directory(dir), null))
                .hasMessageContaining("hold 44 bytes, but model.json describes 40");
        // Where sizes are unknown beforehand (resources), the reads themselves are checked, and capped.
        ModelSource unsized = name -> Files.newInputStream(dir.resolve(name));
        write(java.util.Arrays.copyOf(WEIGHTS, 9));
        assertThatThrownBy(() -> TfjsImporter.load(unsized, null))
                .hasMessageContaining("d2/kernel").hasMessageContaining("do not match model.json");
        write(java.util.Arrays.copyOf(WEIGHTS, 1000));
        assertThatThrownBy(() -> TfjsImporter.load(unsized, null))
                .hasMessageContaining("more bytes than model.json describes");
    }

    @Test
    void namesAMissingCutLayer() throws Exception {
        write(WEIGHTS);
        assertThatThrownBy(() -> TfjsImporter.load(ModelSource.directory(dir), "gap"))
                .hasMessageContaining("no layer named 'gap'");
    }

    private void write(float[] weights) throws Exception {
        Files.writeString(dir.resolve("model.json"), MODEL);
        ByteBuffer bytes = ByteBuffer.allocate(weights.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float w : weights) {
            bytes.putFloat(w);
        }
        Files.write(dir.resolve("w.bin"), bytes.array());
    }
}
