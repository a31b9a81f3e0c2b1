package io.github.bertdistill.core.text;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CharClassesTest {
    @Test
    void whitespaceIsSpacesTabsNewlinesAndTheUnicodeSeparators() {
        for (int c : new int[] {' ', '\t', '\n', '\r', 0x00A0, 0x2028, 0x2029, 0x3000}) {
            assertTrue(CharClasses.isWhitespace(c), Integer.toHexString(c));
            assertFalse(CharClasses.isIgnored(c), Integer.toHexString(c));
        }
        assertFalse(CharClasses.isWhitespace('a'));
        assertFalse(CharClasses.isWhitespace(0x200B));
    }

    @Test
    void controlFormatPrivateAndUnassignedCharactersAreIgnored() {
        for (int c :
                new int[] {
                    0, 0x0B, 0x0C, 0x7F, 0x00AD, 0x200B, 0x200D, 0xFEFF, 0xE000, 0xFFFD, 0xD800,
                    0x0378
                }) {
            assertTrue(CharClasses.isIgnored(c), Integer.toHexString(c));
        }
        assertFalse(CharClasses.isIgnored('a'));
        assertFalse(CharClasses.isIgnored(0x0301));
    }

    @Test
    void cjkIdeographsAreBertsBlocksWithoutKanaOrHangul() {
        for (int c : new int[] {0x4E00, 0x9FFF, 0x3400, 0x20000, 0x2B820, 0xF900, 0x2F800}) {
            assertTrue(CharClasses.isCjkIdeograph(c), Integer.toHexString(c));
        }
        for (int c : new int[] {'a', 0x3042, 0x30AB, 0x30FC, 0xAC00, 0x3005, 0x3001, 0xFF01}) {
            assertFalse(CharClasses.isCjkIdeograph(c), Integer.toHexString(c));
        }
    }
}
