package io.github.bertdistill.spark;

import java.io.Serializable;

/** One text of a corpus with its id, as the jobs pass it between driver and executors. */
public record CorpusText(String id, String text) implements Serializable {}
