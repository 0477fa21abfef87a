package io.herald.sandbox.instagram;

/**
 * The stand-in's model of Instagram's caption rules ("Maximum 2200 characters, 30 hashtags", IG User
 * Media reference), written apart from the connector's count on purpose: characters are UTF-16 code
 * units (the strictest plausible reading; Meta does not say), a hashtag is every {@code #} that starts
 * a run of letters, digits or underscores and does not follow one.
 */
public final class InstagramCaption {

    public static final int MAX_CHARACTERS = 2200;
    public static final int MAX_HASHTAGS = 30;

    private InstagramCaption() {
    }

    public static int characters(String caption) {
        int units = 0;
        for (int i = 0; i < caption.length(); i++) {
            units++;
        }
        return units;
    }

    public static int hashtags(String caption) {
        int n = 0;
        int i = 0;
        while (i < caption.length()) {
            int cp = caption.codePointAt(i);
            int width = Character.charCount(cp);
            if (cp == '#' && !afterTagCharacter(caption, i) && i + 1 < caption.length()
                    && isTagCharacter(caption.codePointAt(i + 1))) {
                n++;
                i++;
                while (i < caption.length() && isTagCharacter(caption.codePointAt(i))) {
                    i += Character.charCount(caption.codePointAt(i));
                }
                continue;
            }
            i += width;
        }
        return n;
    }

    private static boolean afterTagCharacter(String s, int i) {
        if (i == 0) {
            return false;
        }
        int before = s.codePointBefore(i);
        return isTagCharacter(before) || before == '&' || before == '#' || before == '/';
    }

    private static boolean isTagCharacter(int cp) {
        int type = Character.getType(cp);
        return Character.isLetter(cp) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER || cp == '_';
    }
}
