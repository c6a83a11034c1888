package io.camstream.streamer.source;

import io.camstream.streamer.testpattern.TestPatternSpec;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed {@code --source} value.
 *
 * @param kind        what it is
 * @param target      what FFmpeg opens (URL, file path or device), without injected credentials
 * @param testPattern the synthetic source's geometry, only for {@link SourceKind#TESTPATTERN}
 */
public record SourceLocation(SourceKind kind, String target, Optional<TestPatternSpec> testPattern) {

    private static final Pattern V4L2_DEVICE = Pattern.compile("/dev/video\\d+");

    /**
     * Parses a source as written by a user or the operator.
     *
     * @throws IllegalArgumentException with a message fit for the user (credentials already redacted)
     */
    public static SourceLocation parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("no source given");
        }
        String value = raw.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("testpattern") || lower.startsWith("testpattern:") || lower.startsWith("testpattern+")) {
            String rest = value.substring("testpattern".length());
            String spec = rest.startsWith(":") ? rest.substring(1) : rest;
            return new SourceLocation(SourceKind.TESTPATTERN, value, Optional.of(TestPatternSpec.parse(spec)));
        }
        if (V4L2_DEVICE.matcher(value).matches()) {
            return new SourceLocation(SourceKind.V4L2, value, Optional.empty());
        }
        int schemeEnd = value.indexOf("://");
        if (schemeEnd < 0) {
            return new SourceLocation(SourceKind.FILE, Path.of(value).toString(), Optional.empty());
        }
        String scheme = lower.substring(0, schemeEnd);
        String rest = value.substring(schemeEnd + 3);
        SourceKind kind = switch (scheme) {
            case "rtsp", "rtsps" -> SourceKind.RTSP;
            case "rtmp", "rtmps" -> SourceKind.RTMP;
            case "http", "https" -> SourceKind.HTTP;
            case "srt" -> SourceKind.SRT;
            case "file" -> SourceKind.FILE;
            default -> throw new IllegalArgumentException("unsupported source scheme '" + scheme
                    + "' (use rtsp, rtsps, rtmp, rtmps, http, https, srt, file, a /dev/videoN device or testpattern)");
        };
        if (kind == SourceKind.FILE) {
            if (rest.isEmpty() || !rest.startsWith("/")) {
                throw new IllegalArgumentException("a file:// source needs an absolute path, e.g. file:///videos/lobby.mp4");
            }
            return new SourceLocation(kind, rest, Optional.empty());
        }
        String authority = rest.split("[/?#]", 2)[0];
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.isEmpty() || host.startsWith(":")) {
            throw new IllegalArgumentException("source URL has no host: " + Redactor.urlsOnly().redact(value));
        }
        return new SourceLocation(kind, value, Optional.empty());
    }

    /** What FFmpeg should open, with the credentials (if any) put into the URL. */
    public String openTarget(Optional<Credentials> credentials) {
        if (credentials.isEmpty()) {
            return target;
        }
        if (!kind.isNetwork()) {
            throw new IllegalArgumentException("source credentials were given but a " + kind.name().toLowerCase(Locale.ROOT)
                    + " source takes none");
        }
        return credentials.get().injectInto(target);
    }

    /** The demuxer to force; null lets FFmpeg probe. */
    public String formatName() {
        return kind == SourceKind.V4L2 ? "video4linux2" : null;
    }
}
