package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.Credentials;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.source.RtspTransport;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the stream is pushed: normally MediaMTX over RTSP ({@code rtsp://<name>-mediamtx:8554/<camera>});
 * RTMP and SRT, which MediaMTX also ingests, work too.
 *
 * @param url         the configured URL, without the injected credentials
 * @param credentials put into the URL only when connecting
 */
public record PublishTarget(String url, Optional<Credentials> credentials, RtspTransport transport) {

    /**
     * @throws IllegalArgumentException with a user-facing, redacted message
     */
    public PublishTarget {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no publish URL given");
        }
        int schemeEnd = url.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.matches("rtsps?|rtmps?|srt")) {
            throw new IllegalArgumentException("publish URL must start with rtsp://, rtsps://, rtmp://, rtmps:// or srt://, was "
                    + Redactor.urlsOnly().redact(url));
        }
        String authority = url.substring(schemeEnd + 3).split("[/?#]", 2)[0];
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.isEmpty() || host.startsWith(":")) {
            throw new IllegalArgumentException("publish URL has no host: " + Redactor.urlsOnly().redact(url));
        }
    }

    /** The URL FFmpeg connects to, credentials included. Never log it. */
    String openUrl() {
        return credentials.map(c -> c.injectInto(url)).orElse(url);
    }

    /** The FFmpeg muxer for the URL's protocol. */
    String formatName() {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("rtsp")) {
            return "rtsp";
        }
        return lower.startsWith("rtmp") ? "flv" : "mpegts";
    }

    /** Muxer/protocol options. */
    Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        if (formatName().equals("rtsp")) {
            options.put("rtsp_transport", transport.ffmpegName());
        }
        return options;
    }
}
