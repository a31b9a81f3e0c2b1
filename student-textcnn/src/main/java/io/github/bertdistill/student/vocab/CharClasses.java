package io.github.bertdistill.student.vocab;

import java.text.Normalizer;

/** Unicode character classes shared by the tokenizers, following BERT's basic tokenizer. */
final class CharClasses {
    private CharClasses() {}

    /** Space, tab, newline, carriage return, and Unicode space separators. */
    static boolean isWhitespace(int c) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        return Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    /**
     * Characters removed before tokenisation: NUL, U+FFFD, and the "other" categories (control,
     * format, surrogate, private use, unassigned) except tab, newline and carriage return; the same
     * rule as the Hugging Face BERT normalizer's {@code clean_text}.
     */
    static boolean isIgnored(int c) {
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

    /** ASCII non-alphanumerics (as BERT does) and every Unicode punctuation category. */
    static boolean isPunctuation(int c) {
        if ((c >= 33 && c <= 47)
                || (c >= 58 && c <= 64)
                || (c >= 91 && c <= 96)
                || (c >= 123 && c <= 126)) {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    /** Letters, combining marks and digits: the characters words are made of. */
    static boolean isWordChar(int c) {
        return Character.isLetterOrDigit(c)
                || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK
                || Character.getType(c) == Character.ENCLOSING_MARK;
    }

    /** The CJK Unified Ideograph blocks, as in BERT's {@code _is_chinese_char}. */
    static boolean isCjk(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF)
                || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F)
                || (c >= 0x2B740 && c <= 0x2B81F)
                || (c >= 0x2B820 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0x2F800 && c <= 0x2FA1F);
    }

    /** Lower-cases with the root locale and, if asked, removes accents (NFD, drop marks). */
    static String normalize(String token, boolean lowerCase, boolean stripAccents) {
        String s = lowerCase ? token.toLowerCase(java.util.Locale.ROOT) : token;
        if (!stripAccents) {
            return s;
        }
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 128;
        }
        if (ascii) {
            return s;
        }
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed
                .codePoints()
                .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                .forEach(out::appendCodePoint);
        return out.toString();
    }
}
