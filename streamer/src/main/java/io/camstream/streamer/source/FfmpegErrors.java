package io.camstream.streamer.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

/** Turns JavaCV's "... error -111: ..." exceptions into the human text FFmpeg has for that code. */
public final class FfmpegErrors {

    /** JavaCV appends this to every exception; our log bridge is always installed, so it only confuses users. */
    private static final String JAVACV_HINT = "(For more details, make sure FFmpegLogCallback.set()";
    private static final Pattern CODE = Pattern.compile("error (-\\d+)");

    private FfmpegErrors() {
    }

    /** FFmpeg's text for an {@code AVERROR} code, e.g. "Connection refused" for -111. */
    public static String describe(int averror) {
        try (BytePointer buf = new BytePointer(256)) {
            if (av_strerror(averror, buf, buf.capacity()) < 0) {
                return "FFmpeg error " + averror;
            }
            // getString() would read the whole buffer (its limit), not up to the terminating NUL.
            String text = buf.getString();
            int end = text.indexOf('\0');
            return end >= 0 ? text.substring(0, end) : text;
        }
    }

    /**
     * A short cause for an exception thrown by JavaCV: FFmpeg's text for the error code it names, else its message.
     * Not redacted: callers pass the result through their {@link Redactor}.
     */
    public static String causeOf(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int hint = message.indexOf(JAVACV_HINT);
        if (hint >= 0) {
            message = message.substring(0, hint).stripTrailing();
        }
        Matcher m = CODE.matcher(message);
        if (m.find()) {
            try {
                int code = Integer.parseInt(m.group(1));
                return describe(code) + " (FFmpeg error " + code + ")";
            } catch (NumberFormatException ignored) {
                // fall through to the raw message
            }
        }
        return message;
    }
}
