package io.newswire.notify.social;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extended grapheme clusters (UAX #29), the units a reader sees as one character: a ZWJ family
 * emoji, a flag, a letter with its combining marks. Java 17's {@code \X} implements the extended
 * rules including emoji ZWJ sequences; {@link java.text.BreakIterator} does not before Java 20
 * (it splits 👨‍👩‍👧‍👦 into seven), so it is not used here.
 */
final class Graphemes {

    private static final Pattern CLUSTER = Pattern.compile("\\X");

    private Graphemes() {
    }

    /** The clusters of {@code text}, in order. */
    static List<String> of(String text) {
        List<String> clusters = new ArrayList<>();
        Matcher m = CLUSTER.matcher(text);
        while (m.find()) {
            clusters.add(m.group());
        }
        return clusters;
    }

    static int count(String text) {
        int n = 0;
        Matcher m = CLUSTER.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Every UTF-16 index at which a cluster starts, plus {@code text.length()}; 0 always included. */
    static int[] boundaries(String text) {
        List<Integer> at = new ArrayList<>();
        at.add(0);
        Matcher m = CLUSTER.matcher(text);
        while (m.find()) {
            if (m.end() > 0) {
                at.add(m.end());
            }
        }
        return at.stream().mapToInt(Integer::intValue).distinct().toArray();
    }

    /**
     * Whether a cluster is an emoji as twitter-text and Threads see one: a pictograph, a flag, a
     * keycap, or anything carrying the emoji presentation selector or a zero-width joiner. Bare ©
     * and ® count as emoji here, which can only over-count.
     */
    static boolean isEmoji(String cluster) {
        for (int i = 0; i < cluster.length(); ) {
            int cp = cluster.codePointAt(i);
            if (cp == 0xFE0F || cp == 0x20E3 || cp == 0x200D && cluster.length() > 1
                    || cp >= 0x1F000 && cp <= 0x1FAFF // pictographs, emoticons, flags' regional indicators
                    || cp >= 0x2600 && cp <= 0x27BF   // miscellaneous symbols, dingbats
                    || cp >= 0x2300 && cp <= 0x23FF   // ⌚ ⏰ ...
                    || cp >= 0x2B00 && cp <= 0x2BFF   // ⬆ ⭐ ...
                    || cp >= 0xE0020 && cp <= 0xE007F // tag sequences (🏴 subdivision flags)
                    || cp == 0x00A9 || cp == 0x00AE || cp == 0x203C || cp == 0x2049 || cp == 0x2122
                    || cp == 0x2139 || cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
