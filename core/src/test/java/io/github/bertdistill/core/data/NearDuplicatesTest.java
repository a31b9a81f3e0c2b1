package io.github.bertdistill.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearDuplicatesTest {
    private static final String REVIEW =
            "入住的5天，天天洗桑拿一样，空调效果极其不好，每天都有顾客打电话质问服务员，要不是离出差地方近，我是不会选择这家酒店的。";

    @Test
    void otherSpacingPunctuationCaseAndWidthsAreTheSameText() {
        NearDuplicates texts = new NearDuplicates();
        texts.add("A fine film, and a good one.");
        texts.add("清明节入住两天.我在前台check out时");

        assertTrue(texts.contains("a fine film and a good one"));
        assertTrue(texts.contains("  A FINE film ,  and a good one !"));
        assertTrue(texts.contains("Ａ　ｆｉｎｅ　ｆｉｌｍ, and a good one."), "full-width letters");
        assertTrue(texts.contains("清明节入住两天。我在前台checkout时"));
        assertFalse(texts.contains("A fine film, and a bad one."));
    }

    @Test
    void aTruncatedCopyOrACopyWithAFooterIsANearDuplicateOfALongText() {
        NearDuplicates texts = new NearDuplicates();
        texts.add(REVIEW);

        assertTrue(texts.contains(REVIEW.substring(0, 30)), "cut off");
        assertTrue(texts.contains(REVIEW + "宾馆反馈2"), "something appended");
        assertTrue(
                texts.contains(
                        REVIEW + "关于携程 Copyright 1999-2008, ctrip.com. all rights reserved."),
                "a site footer");
        assertFalse(texts.contains(REVIEW.substring(1)), "the start differs");
    }

    @Test
    void aShortTextMatchesOnlyItself() {
        NearDuplicates texts = new NearDuplicates();
        texts.add("the movie");
        texts.add("what is the capital of france ?");

        assertFalse(texts.contains("the movie is great"), "under 20 letters: no prefix match");
        assertTrue(texts.contains("The movie."));
        assertFalse(texts.contains("what is"), "a long text's short start is another text");
        assertTrue(
                texts.contains("What is the capital of France's largest neighbour?"),
                "the shorter has 24 letters: a near-duplicate, leaving a text out errs safe");
    }

    @Test
    void textsWithoutLettersOrDigitsAreComparedStripped() {
        NearDuplicates texts = new NearDuplicates();
        assertTrue(texts.add(" :) "));

        assertTrue(texts.contains(":)"));
        assertFalse(texts.contains("!!!"));
        assertFalse(texts.contains(""));
    }

    @Test
    void addKeepsTheFirstOfEachGroupLikeASet() {
        NearDuplicates texts = new NearDuplicates();
        List<String> kept =
                List.of(REVIEW + "宾馆反馈2", REVIEW, "a dull film .", "A dull film!", "a film .")
                        .stream()
                        .filter(texts::add)
                        .toList();

        assertEquals(List.of(REVIEW + "宾馆反馈2", "a dull film .", "a film ."), kept);
    }

    @Test
    void aTextThatMatchedAnEarlierOneStillKeepsItsOwnCopiesOut() {
        NearDuplicates texts = new NearDuplicates();
        // A training review with a footer first, then the test review it copies.
        assertTrue(texts.add(REVIEW + "宾馆反馈2"));
        assertFalse(texts.add(REVIEW));

        assertTrue(
                texts.contains(REVIEW + "关于携程"),
                "starts with the test review, not the training one");
    }

    @Test
    void lengthsAreCountedInCodePointsAndMarksAreKept() {
        NearDuplicates texts = new NearDuplicates();
        String tenRareIdeographs = "\uD840\uDC00".repeat(10);
        texts.add(tenRareIdeographs);

        assertFalse(
                texts.contains(tenRareIdeographs + "多"), "10 code points are too short to prefix");
        assertEquals("कि", NearDuplicates.normalise("कि"));
        assertFalse(NearDuplicates.normalise("कि").equals(NearDuplicates.normalise("का")));
        assertEquals(":)", NearDuplicates.normalise("：）"), "folded before the fallback");
    }

    @Test
    void normaliseFoldsWidthCaseAndDropsEverythingButLettersAndDigits() {
        assertEquals("abc12中文", NearDuplicates.normalise(" Ａbc, 1２ 中文。"));
        assertEquals("?!", NearDuplicates.normalise(" ?! "));
    }
}
