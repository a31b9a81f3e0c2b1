package io.github.bertdistill.student.vocab;

import java.util.ArrayList;
import java.util.List;

/**
 * The word-splitting rule shared by {@link WordTokenizer} and {@link ChineseCharTokenizer}: letters
 * and digits accumulate into a word; any other visible character ends the word and is a token of
 * its own; whitespace and ignored characters only end the word.
 */
final class WordRun {
    private final boolean lowerCase;
    private final List<String> tokens = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();

    WordRun(boolean lowerCase) {
        this.lowerCase = lowerCase;
    }

    /** Feeds one code point through the rule. */
    void add(int c) {
        if (CharClasses.isWordChar(c)) {
            word.appendCodePoint(c);
            return;
        }
        endWord();
        if (!CharClasses.isWhitespace(c)
                && !CharClasses.isIgnored(c)
                && !Character.isWhitespace(c)) {
            tokens.add(Character.toString(c));
        }
    }

    /** Ends the current word and adds {@code token} after it. */
    void addToken(String token) {
        endWord();
        tokens.add(token);
    }

    /** The tokens, the last word included. */
    List<String> finish() {
        endWord();
        return tokens;
    }

    private void endWord() {
        if (word.length() > 0) {
            tokens.add(CharClasses.normalize(word.toString(), lowerCase, false));
            word.setLength(0);
        }
    }
}
