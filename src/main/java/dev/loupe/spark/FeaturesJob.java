package dev.loupe.spark;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.features.OrtFeatureExtractor;
import dev.loupe.engine.features.cluster.FeatureColumns;
import dev.loupe.engine.util.OutputRefusedException;
import org.apache.spark.TaskContext;
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
import org.apache.spark.util.TaskCompletionListener;

import java.util.Iterator;

/**
 * {@code features}: the backbone's features of every file under a path, as Parquet ({@link FeatureColumns}). The
 * backbone is exported to ONNX on the driver (as the desktop does, and cached the same way) and broadcast; each
 * task runs its partition through one of its executor's sessions ({@link ExecutorSessions}).
 */
final class FeaturesJob {

    static final StructType SCHEMA = new StructType()
            .add(FeatureColumns.PATH, DataTypes.StringType, false)
            .add(FeatureColumns.CONTENT_HASH, DataTypes.StringType, true)
            .add(FeatureColumns.BACKBONE, DataTypes.StringType, false)
            .add(FeatureColumns.PREPROCESSING, DataTypes.IntegerType, false)
            .add(FeatureColumns.FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add(FeatureColumns.ERROR, DataTypes.StringType, true)
            .add(FeatureColumns.VERSION, DataTypes.IntegerType, false);

    private FeaturesJob() {
    }

    /** Reads {@code request.input()}, writes {@code request.output()}; refuses an output that exists. */
    static JobSummary run(SparkSession spark, JobRequest request, BackboneDescriptor backbone, byte[] onnx)
            throws OutputRefusedException {
        long start = System.nanoTime();
        OutputCheck.check(request);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Network network = Network.broadcast(sc, backbone.id(), backbone.input(), backbone.featureDim(), onnx,
                request.device());
        LongAccumulator done = sc.sc().longAccumulator("Loupe: images done");
        LongAccumulator unreadable = sc.sc().longAccumulator("Loupe: images unreadable");
        sc.setJobDescription("Loupe features (" + backbone.id() + ") of " + request.input());

        Dataset<Row> files = ImageFiles.list(spark, request.input());
        String id = backbone.id();
        int prep = backbone.input().preprocessingVersion();
        Dataset<Row> features = ImageFiles.readable(files, request.partitions()).mapPartitions(
                (MapPartitionsFunction<Row, Row>) rows -> map(run(rows, network, done, unreadable),
                        r -> RowFactory.create(r.path(), r.hash(), id, prep, r.output(), r.error(),
                                FeatureColumns.FORMAT_VERSION)),
                Encoders.row(SCHEMA));
        Dataset<Row> tooLarge = ImageFiles.tooLarge(files).map((MapFunction<Row, Row>) r ->
                RowFactory.create(r.getString(0), null, id, prep, null, ImageFiles.tooLargeReason(r.getLong(1)),
                        FeatureColumns.FORMAT_VERSION), Encoders.row(SCHEMA));
        features.union(tooLarge).write().mode(SaveMode.ErrorIfExists).parquet(request.output());
        return new JobSummary(done.value(), unreadable.value(), System.nanoTime() - start);
    }

    /** A task's partition through a session of its executor, given back when the task ends however it ends. */
    static Iterator<ImageResult> run(Iterator<Row> rows, Network network, LongAccumulator done,
                                     LongAccumulator unreadable) throws Exception {
        OrtFeatureExtractor session = ExecutorSessions.borrow(network);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) t -> ExecutorSessions.release(network, session));
        }
        return new PartitionRunner(rows, session, done, unreadable);
    }

    /** Results to rows, lazily. */
    static <T> Iterator<Row> map(Iterator<T> in, java.util.function.Function<T, Row> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public Row next() {
                return f.apply(in.next());
            }
        };
    }
}
