package io.camstream.streamer.testpattern;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Geometry of the synthetic source: {@code testpattern} or {@code testpattern:WIDTHxHEIGHT[@FPS]}. */
public record TestPatternSpec(int width, int height, int fps) {

    public static final TestPatternSpec DEFAULT = new TestPatternSpec(1280, 720, 30);

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

    /** Parses the part after {@code testpattern:}; an empty string gives {@link #DEFAULT}. */
    public static TestPatternSpec parse(String geometry) {
        if (geometry == null || geometry.isEmpty()) {
            return DEFAULT;
        }
        Matcher m = GEOMETRY.matcher(geometry);
        if (!m.matches()) {
            throw new IllegalArgumentException("testpattern geometry must look like 1280x720@30, was '" + geometry + "'");
        }
        int fps = m.group(3) == null ? DEFAULT.fps() : Integer.parseInt(m.group(3));
        return new TestPatternSpec(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), fps);
    }

    @Override
    public String toString() {
        return width + "x" + height + "@" + fps;
    }
}
