package io.github.bertdistill.spark;

import com.google.common.collect.Iterators;
import io.github.bertdistill.core.model.BucketedInference;
import io.github.bertdistill.core.model.EncodingClassifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What both jobs do with a partition on an executor: its texts, window by window, through the model
 * in length-bucketed batches ({@link BucketedInference}), each window's logits in the texts' order.
 * Windows are computed as the iterator is read, so a partition is never held whole.
 */
final class PartitionLogits {
    /** A window's texts and their logits, row for row. */
    record Window(List<CorpusText> texts, float[][] logits) {}

    /** Turns a window into the job's output rows. */
    interface RowMaker<R> {
        List<R> rows(Window window);
    }

    private PartitionLogits() {}

    /** The rows {@code maker} makes of each window of {@code window} texts of the partition. */
    static <R> Iterator<R> map(
            Iterator<CorpusText> texts,
            EncodingClassifier model,
            int batchSize,
            int window,
            RowMaker<R> maker) {
        BucketedInference inference = new BucketedInference(model, batchSize);
        return Iterators.concat(
                Iterators.transform(
                        Iterators.partition(texts, window),
                        chunk -> maker.rows(logits(inference, chunk)).iterator()));
    }

    private static Window logits(BucketedInference inference, List<CorpusText> texts) {
        List<String> strings = new ArrayList<>(texts.size());
        texts.forEach(text -> strings.add(text.text()));
        return new Window(texts, inference.logits(strings, (positions, rows) -> {}));
    }
}
