package io.github.bertdistill.student.model;

/** Kim (2014)'s three ways of treating the word embeddings during training. */
public enum EmbeddingMode {
    /** CNN-static: the embeddings are frozen at their initial values. */
    STATIC,
    /** CNN-non-static: the embeddings are fine-tuned with the rest of the network. */
    NON_STATIC,
    /**
     * CNN-multichannel: two copies of the initial embeddings, one frozen and one fine-tuned, read
     * side by side as two input channels of every convolution.
     */
    MULTICHANNEL
}
