package dev.loupe.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import static org.apache.spark.sql.functions.col;

/**
 * The files under a Hadoop path (local, {@code hdfs://}, {@code s3a://} through the user's Hadoop configuration),
 * read with Spark's own {@code binaryFile} source: every file in every folder below it, names starting with a dot
 * or an underscore left out as Hadoop does (so a dataset's {@code .loupe/} folder is not read).
 */
final class ImageFiles {

    /**
     * Files past this are reported, not read: no photo is this large (Loupe decodes at most 250 megapixels), and
     * the binaryFile source fails the whole job on a file past 2 GB. The length filter is pushed down to the file
     * listing, so such a file's bytes are never read.
     */
    static final long MAX_BYTES = 1L << 30;

    /**
     * Tasks per core Spark is asked to split the files into, unless the user set {@code
     * spark.sql.files.minPartitionNum}. Spark's own default is one per core, which on a few hundred photos leaves
     * cores idle in the last wave (a task of 30 photos runs for seconds); at 128 MB per task (Spark's cap) a large
     * collection gets many more tasks than this anyway.
     */
    static final int TASKS_PER_CORE = 4;
    private static final String MIN_PARTITIONS = "spark.sql.files.minPartitionNum";

    private ImageFiles() {
    }

    /** {@code path}, {@code length} and (read lazily, only for the files that are used) {@code content}. */
    static Dataset<Row> list(SparkSession spark, String input) {
        if (!spark.conf().contains(MIN_PARTITIONS)) {
            spark.conf().set(MIN_PARTITIONS, TASKS_PER_CORE * spark.sparkContext().defaultParallelism());
        }
        return spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(input);
    }

    /** {@code path} and {@code content} of the files to decode, in {@code partitions} partitions when given. */
    static Dataset<Row> readable(Dataset<Row> files, Integer partitions) {
        Dataset<Row> rows = files.filter(col("length").leq(MAX_BYTES)).select("path", "content");
        return partitions == null ? rows : rows.repartition(partitions);
    }

    /** {@code path} and {@code length} of the files too large to read. */
    static Dataset<Row> tooLarge(Dataset<Row> files) {
        return files.filter(col("length").gt(MAX_BYTES)).select("path", "length");
    }

    static String tooLargeReason(long length) {
        return "file of " + length / (1L << 20) + " MB, larger than any photo (Loupe reads files up to 1 GB)";
    }
}
