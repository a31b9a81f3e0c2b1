package io.github.bertdistill.student.vocab;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * BERT's WordPiece tokenisation in plain Java (Wu et al. 2016; Devlin et al. 2019), so that a
 * student sharing the teacher's vocabulary never needs the teacher's tokenizer library.
 *
 * <p>After {@link BasicTokenizer}, each word is split greedily into the longest prefix found in the
 * vocabulary, then the longest {@code ##}-prefixed continuation, and so on: {@code "unaffable"} →
 * {@code [un, ##aff, ##able]}. A word that cannot be covered completely, or that is longer than 100
 * characters, becomes a single {@code [UNK]}.
 */
public final class WordPieceTokenizer implements Tokenizer {
    /** Words longer than this many characters become {@code [UNK]}, as in BERT. */
    public static final int MAX_CHARS_PER_WORD = 100;

    private final Vocabulary vocabulary;
    private final BasicTokenizer basic;

    /**
     * @param vocabulary the WordPiece vocabulary (with {@code ##} continuation pieces)
     * @param lowerCase whether the vocabulary is uncased
     */
    public WordPieceTokenizer(Vocabulary vocabulary, boolean lowerCase) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.basic = new BasicTokenizer(lowerCase);
    }

    @Override
    public List<String> tokenize(String text) {
        List<String> pieces = new ArrayList<>();
        for (String word : basic.tokenize(text)) {
            split(word, pieces);
        }
        return pieces;
    }

    private void split(String word, List<String> out) {
        if (word.codePointCount(0, word.length()) > MAX_CHARS_PER_WORD) {
            out.add(vocabulary.unkToken());
            return;
        }
        int mark = out.size();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            String found = null;
            while (start < end) {
                String piece = word.substring(start, end);
                if (start > 0) {
                    piece = "##" + piece;
                }
                if (vocabulary.contains(piece)) {
                    found = piece;
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (found == null) {
                out.subList(mark, out.size()).clear();
                out.add(vocabulary.unkToken());
                return;
            }
            out.add(found);
            start = end;
        }
    }
}
