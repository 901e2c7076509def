package dev.loupe.engine.backbone;

import dev.loupe.engine.backbone.tfjs.ModelSource;
import dev.loupe.engine.backbone.tfjs.TfjsImporter;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TF.js importer against DL4J's own HDF5 import on the same weights: Teachable Machine's MobileNetV2 0.35 export
 * (its trained Dense 100 + Dense 5 head dropped by cutting at the pooling) must give the bundled H5 backbone's
 * features.
 */
class TfjsMobileNetV2Test {

    private static final String TM_GAP = "global_average_pooling2d_GlobalAveragePooling2D2";

    @Test
    void teachableMachineExportGivesTheBundledH5Features() throws Exception {
        ModelSource tm = ModelSource.directory(SharedData.dir("models/mobilenet_v2_0.35_224"));
        ComputationGraph tfjs = TfjsImporter.load(tm, TM_GAP);
        Backbone h5 = BackboneLoader.load(BackboneRegistry.bundled().require("mobilenet-v2-0.35"));
        assertThat(tfjs.numParams()).isEqualTo(h5.descriptor().parameters());

        List<Path> photo = TestImages.flowers("roses", 1);
        InputSpec spec = h5.inputSpec();
        INDArray fromTfjs = tfjs.outputSingle(false, TestImages.batch(photo, spec.withLayout(InputSpec.Layout.NHWC)));
        INDArray fromH5 = h5.graph().outputSingle(false, TestImages.batch(photo, spec.withLayout(InputSpec.Layout.NCHW)));

        assertThat(fromTfjs.shape()).containsExactly(1, 1280);
        assertThat(fromH5.shape()).containsExactly(1, 1280);
        assertThat(fromH5.maxNumber().doubleValue()).as("features are not all zero").isGreaterThan(0.1);
        double maxDiff = fromTfjs.sub(fromH5).amaxNumber().doubleValue();
        LoggerFactory.getLogger(TfjsMobileNetV2Test.class).info("max |TF.js - H5| = {}; first features TF.js {} H5 {}",
                maxDiff, first(fromTfjs), first(fromH5));
        assertThat(maxDiff).as("max |TF.js - H5| over 1280 features").isLessThanOrEqualTo(1e-4);
    }

    private static String first(INDArray features) {
        return java.util.Arrays.toString(java.util.Arrays.copyOf(features.toFloatVector(), 4));
    }
}
