package io.github.bertdistill.core.text;

/**
 * The Unicode character classes that every tokenisation in bert-distill shares with BERT's basic
 * tokenizer (as Hugging Face's {@code BertNormalizer} and {@code BertPreTokenizer} implement it):
 * which characters separate tokens, which are removed before anything else, and which are CJK
 * ideographs, each a token of its own. Used by {@link WordSplitter} and by the student's Java port
 * of BERT's tokenisation.
 */
public final class CharClasses {
    private CharClasses() {}

    /**
     * Space, tab, newline, carriage return, and the Unicode space, line and paragraph separators
     * (categories Zs, Zl, Zp, no-break spaces included): the characters that separate tokens.
     */
    public static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || Character.isSpaceChar(c);
    }

    /**
     * Characters removed before tokenisation, without separating what surrounds them: NUL, U+FFFD,
     * and the "other" categories (control, format, surrogate, private use, unassigned) except tab,
     * newline and carriage return; the rule of BERT's {@code clean_text}. Zero-width joiners and
     * spaces, the soft hyphen and the byte order mark are such characters.
     */
    public static boolean isIgnored(int c) {
        if (c == 0 || c == 0xFFFD) {
            return true;
        }
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.SURROGATE
                || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED;
    }

    /**
     * Combining marks (categories Mn, Mc, Me): accents and vowel signs that belong to the character
     * before them, such as the "ि" of Hindi "कि".
     */
    public static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /**
     * The CJK Unified Ideograph blocks (with extensions A to E and the compatibility ideographs),
     * as in BERT's {@code _is_chinese_char}. Kana and Hangul are not among them: they are letters.
     */
    public static boolean isCjkIdeograph(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF)
                || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F)
                || (c >= 0x2B740 && c <= 0x2B81F)
                || (c >= 0x2B820 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
