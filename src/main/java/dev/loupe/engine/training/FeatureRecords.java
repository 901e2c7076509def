package dev.loupe.engine.training;

import org.datavec.api.records.reader.impl.collection.CollectionRecordReader;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Cached features as DataVec records, fed to DL4J by DataVec's record-reader iterator: the standard route from
 * records to DataSets. Each record is (features as one NDArrayWritable, class index), so nothing is boxed per value.
 */
final class FeatureRecords {

    private final List<List<Writable>> records = new ArrayList<>();
    private final int classes;

    /** @param x standardised features, one row per example */
    FeatureRecords(INDArray x, int[] y, int classes) {
        this.classes = classes;
        for (int i = 0; i < y.length; i++) {
            records.add(List.of(new NDArrayWritable(x.getRow(i, true)), new IntWritable(y[i])));
        }
    }

    /** One epoch's mini-batches, in an order shuffled by {@code random}. */
    DataSetIterator epoch(int batchSize, Random random) {
        List<List<Writable>> order = new ArrayList<>(records);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            List<Writable> t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        return new RecordReaderDataSetIterator(new CollectionRecordReader(order), batchSize, 1, classes);
    }
}
