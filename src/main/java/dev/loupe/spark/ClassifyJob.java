package dev.loupe.spark;

import dev.loupe.engine.inference.LabelScore;
import dev.loupe.engine.util.OutputRefusedException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code classify MODEL}: the top labels of every file under a path with a {@code .loupe} model. The driver exports
 * the whole classifier (backbone, feature scaling, head, calibration temperature) as one ONNX graph, the one
 * {@code loupe export --format onnx} writes, and broadcasts it: executors need ONNX Runtime only, never DL4J.
 * Parquet keeps the labels and probabilities as arrays; CSV has a label and probability column per rank.
 */
final class ClassifyJob {

    /** Output formats. */
    enum Format { parquet, csv }

    private ClassifyJob() {
    }

    static JobSummary run(SparkSession spark, JobRequest request, String modelName, List<String> labels,
                          ClassifierGraph graph, int top, Format format)
            throws OutputRefusedException {
        long start = System.nanoTime();
        OutputCheck.check(request);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Network network = Network.broadcast(sc, modelName, graph.input(), labels.size(), graph.bytes(),
                request.device());
        LongAccumulator done = sc.sc().longAccumulator("Loupe: images done");
        LongAccumulator unreadable = sc.sc().longAccumulator("Loupe: images unreadable");
        sc.setJobDescription("Loupe classify (" + modelName + ") of " + request.input());
        int k = Math.max(1, Math.min(top, labels.size()));
        StructType schema = schema(format, k);

        Dataset<Row> files = ImageFiles.list(spark, request.input());
        Dataset<Row> predictions = ImageFiles.readable(files, request.partitions()).mapPartitions(
                (MapPartitionsFunction<Row, Row>) rows -> FeaturesJob.map(
                        FeaturesJob.run(rows, network, done, unreadable),
                        r -> row(format, k, r.path(), r.hash(), top(labels, r.output(), k), r.error())),
                Encoders.row(schema));
        Dataset<Row> tooLarge = ImageFiles.tooLarge(files).map((MapFunction<Row, Row>) r -> row(format, k,
                r.getString(0), null, List.of(), ImageFiles.tooLargeReason(r.getLong(1))), Encoders.row(schema));
        var writer = predictions.union(tooLarge).write().mode(SaveMode.ErrorIfExists);
        if (format == Format.csv) {
            writer.option("header", "true").csv(request.output());
        } else {
            writer.parquet(request.output());
        }
        return new JobSummary(done.value(), unreadable.value(), System.nanoTime() - start);
    }

    private static List<LabelScore> top(List<String> labels, float[] probabilities, int k) {
        return probabilities == null ? List.of() : LabelScore.top(labels, probabilities, k);
    }

    static StructType schema(Format format, int k) {
        StructType s = new StructType().add("path", DataTypes.StringType, false)
                .add("content_hash", DataTypes.StringType, true);
        if (format == Format.parquet) {
            s = s.add("labels", DataTypes.createArrayType(DataTypes.StringType, false), false)
                    .add("probabilities", DataTypes.createArrayType(DataTypes.FloatType, false), false);
        } else {
            for (int i = 1; i <= k; i++) {
                s = s.add("label_" + i, DataTypes.StringType, true).add("probability_" + i, DataTypes.FloatType,
                        true);
            }
        }
        return s.add("error", DataTypes.StringType, true);
    }

    private static Row row(Format format, int k, String path, String hash, List<LabelScore> top, String error) {
        List<Object> values = new ArrayList<>(List.of(path));
        values.add(hash);
        if (format == Format.parquet) {
            values.add(top.stream().map(LabelScore::label).toArray(String[]::new));
            float[] p = new float[top.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) top.get(i).probability();
            }
            values.add(p);
        } else {
            for (int i = 0; i < k; i++) {
                values.add(i < top.size() ? top.get(i).label() : null);
                values.add(i < top.size() ? (float) top.get(i).probability() : null);
            }
        }
        values.add(error);
        return RowFactory.create(values.toArray());
    }
}
