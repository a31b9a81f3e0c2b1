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
    TEACHER
}
