package io.github.bertdistill.teacher.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.bertdistill.core.engine.InferenceScope;
import io.github.bertdistill.core.storage.HostTensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies tensors into a model's parameters by Hugging Face name, all or nothing.
 *
 * <p>A checkpoint of {@code BertModel} names its tensors {@code embeddings.…}, one of {@code
 * BertForSequenceClassification} {@code bert.embeddings.…}; a tensor matches a parameter under its
 * own name, with {@code bert.} added, or with {@code bert.} removed, so either kind of file loads
 * into either kind of model. The whole file is checked first: if the {@link LoadPolicy} refuses the
 * {@link LoadReport}, no parameter is changed.
 */
public final class WeightLoader {
    private static final String BERT_PREFIX = "bert.";
    private static final NDIndex ALL = new NDIndex("...");

    private WeightLoader() {}

    /**
     * Loads {@code tensors} into the initialised {@code parameters}.
     *
     * @param source names the file in messages
     * @throws WeightLoadException if {@code policy} does not accept the report
     */
    public static LoadReport load(
            Map<String, Parameter> parameters,
            Map<String, HostTensor> tensors,
            LoadPolicy policy,
            String source)
            throws WeightLoadException {
        Map<String, HostTensor> matched = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        List<LoadReport.ShapeMismatch> mismatched = new ArrayList<>();
        tensors.forEach(
                (name, tensor) -> {
                    String target = resolve(name, parameters);
                    if (target == null) {
                        unexpected.add(name);
                        return;
                    }
                    Shape expected = parameters.get(target).getShape();
                    if (!expected.equals(tensor.shape())) {
                        mismatched.add(
                                new LoadReport.ShapeMismatch(target, expected, tensor.shape()));
                    } else {
                        matched.put(target, tensor);
                    }
                });
        List<String> missing = new ArrayList<>();
        for (String name : parameters.keySet()) {
            if (!matched.containsKey(name)
                    && mismatched.stream().noneMatch(m -> m.name().equals(name))) {
                missing.add(name);
            }
        }
        LoadReport report =
                new LoadReport(List.copyOf(matched.keySet()), missing, unexpected, mismatched);
        if (!policy.accepts(report)) {
            throw new WeightLoadException(source, report);
        }
        matched.forEach((name, tensor) -> copy(name, parameters.get(name), tensor));
        return report;
    }

    private static String resolve(String name, Map<String, Parameter> parameters) {
        if (parameters.containsKey(name)) {
            return name;
        }
        if (parameters.containsKey(BERT_PREFIX + name)) {
            return BERT_PREFIX + name;
        }
        if (name.startsWith(BERT_PREFIX)
                && parameters.containsKey(name.substring(BERT_PREFIX.length()))) {
            return name.substring(BERT_PREFIX.length());
        }
        return null;
    }

    /**
     * Copies {@code tensor} into the storage PyTorch allocated for the parameter, outside grad mode
     * (an in-place write to a parameter that requires a gradient is refused where grad mode is on:
     * on any thread but the engine's, such as a Spark task's).
     */
    private static void copy(String name, Parameter parameter, HostTensor tensor) {
        if (!parameter.isInitialized()) {
            throw new IllegalStateException("initialise the model before loading weights: " + name);
        }
        NDArray target = parameter.getArray();
        try (InferenceScope noGrad = InferenceScope.enter();
                NDManager scratch = target.getManager().newSubManager()) {
            target.set(ALL, scratch.create(tensor.data(), tensor.shape()));
        }
    }
}
