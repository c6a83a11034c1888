package io.camstream.streamer.testpattern;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The synthetic source: {@code testpattern} or {@code testpattern:WIDTHxHEIGHT[@FPS]}, either with {@code +tone}
 * for a sound track ({@link ToneGenerator}).
 */
public record TestPatternSpec(int width, int height, int fps, boolean tone) {

    public static final TestPatternSpec DEFAULT = new TestPatternSpec(1280, 720, 30);

    private static final String TONE = "+tone";
    private static final Pattern GEOMETRY = Pattern.compile("(\\d{1,5})x(\\d{1,5})(?:@(\\d{1,3}))?");

    public TestPatternSpec {
        if (width < LumaTimestampCodec.MIN_WIDTH || width > 7680 || width % 2 != 0) {
            throw new IllegalArgumentException("testpattern width must be even and between "
                    + LumaTimestampCodec.MIN_WIDTH + " and 7680, was " + width);
        }
        if (height < LumaTimestampCodec.MIN_HEIGHT || height > 4320 || height % 2 != 0) {
            throw new IllegalArgumentException("testpattern height must be even and between "
                    + LumaTimestampCodec.MIN_HEIGHT + " and 4320, was " + height);
        }
        if (fps < 1 || fps > 120) {
            throw new IllegalArgumentException("testpattern fps must be between 1 and 120, was " + fps);
        }
    }

    /** Without a tone. */
    public TestPatternSpec(int width, int height, int fps) {
        this(width, height, fps, false);
    }

    /**
     * Parses what follows {@code testpattern:} (or {@code testpattern} itself, for {@code testpattern+tone}); an
     * empty string gives {@link #DEFAULT}.
     */
    public static TestPatternSpec parse(String geometry) {
        if (geometry == null || geometry.isEmpty()) {
            return DEFAULT;
        }
        boolean tone = geometry.endsWith(TONE);
        String size = tone ? geometry.substring(0, geometry.length() - TONE.length()) : geometry;
        if (size.isEmpty()) {
            return DEFAULT.withTone(tone);
        }
        Matcher m = GEOMETRY.matcher(size);
        if (!m.matches()) {
            throw new IllegalArgumentException("testpattern must look like 1280x720@30 or 1280x720@30+tone, was '"
                    + geometry + "'");
        }
        int fps = m.group(3) == null ? DEFAULT.fps() : Integer.parseInt(m.group(3));
        return new TestPatternSpec(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), fps, tone);
    }

    public TestPatternSpec withTone(boolean withTone) {
        return new TestPatternSpec(width, height, fps, withTone);
    }

    @Override
    public String toString() {
        return width + "x" + height + "@" + fps + (tone ? TONE : "");
    }
}
