package dev.loupe.engine.finetune;

import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.training.FeatureScaler;
import dev.loupe.engine.training.HeadSetting;
import dev.loupe.engine.training.HeadTrainer;
import dev.loupe.engine.training.LabelledFeatures;
import dev.loupe.engine.training.TrainedHead;
import dev.loupe.engine.training.TrainingConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The linear head the top's softmax layer starts from (linear probing, then fine-tuning): the run's chosen head when
 * it is softmax regression, else softmax regression fitted by L-BFGS on the same standardised pooled features with
 * the chosen L2, since a hidden layer has no place on top of the blocks.
 *
 * @param weights [features, classes]
 */
public record StartHead(FeatureScaler scaler, INDArray weights, INDArray bias, boolean refitted) {

    /** @param chosen the head the run chose, with the settings it was trained with */
    public static StartHead of(TrainedHead chosen, TrainingConfig chosenConfig, LabelledFeatures train,
                               LabelledFeatures validation, int classes, JobMonitor monitor) {
        TrainedHead linear = chosen;
        boolean refitted = chosen.network().getnLayers() != 1;
        if (refitted) {
            TrainingConfig softmax = chosenConfig.withHead(new HeadSetting(0, 0, chosenConfig.l2(),
                    chosenConfig.learningRate()), false);
            linear = new HeadTrainer().train(train, validation, classes, softmax, monitor);
        }
        return new StartHead(linear.scaler(), linear.network().getLayer(0).getParam("W").dup(),
                linear.network().getLayer(0).getParam("b").dup(), refitted);
    }

    /** Sets the top's softmax layer to this head, the scaling folded in. */
    void applyTo(ComputationGraph top) {
        BackboneTop.startHead(top, scaler.mean(), scaler.scale(), weights, bias);
    }
}
