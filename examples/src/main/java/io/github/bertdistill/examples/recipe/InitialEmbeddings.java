package io.github.bertdistill.examples.recipe;

import com.google.gson.annotations.SerializedName;

/** How a student's embedding matrix starts: the {@code student.embeddings} values. */
public enum InitialEmbeddings {
    /** Drawn at random from the student's seed. */
    @SerializedName("random")
    RANDOM,
    /**
     * The teacher's word embeddings of each vocabulary token, reduced to the student's width by PCA
     * (needs the fine-tuned teacher).
     */
    @SerializedName("teacher")
    TEACHER,
    /**
     * The mean of the fine-tuned teacher's hidden state after layer {@code student.contextLayer}
     * (the last by default) over each token's occurrences in the training texts (Bommasani et al.
     * 2020), reduced to the student's width by PCA: static vectors that carry what the teacher
     * learned about each token in the task's contexts (needs a BERT teacher; pooled once per run
     * folder into {@code teacher-context.vec}).
     */
    @SerializedName("teacher-context")
    TEACHER_CONTEXT,
    /**
     * Pre-trained word vectors from the file {@code student.wordVectors} (the word2vec or GloVe
     * text format, optionally gzipped; Kim 2014's "static" start): each student token takes the
     * vector of the same word (ignoring case when it is missing as written), reduced to the
     * student's width by PCA when the file is wider. Tokens the file lacks start at random with the
     * same scale. Needs no teacher.
     */
    @SerializedName("vectors")
    WORD_VECTORS
}
