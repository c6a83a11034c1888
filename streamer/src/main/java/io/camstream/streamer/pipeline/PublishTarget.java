package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.Credentials;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.source.RtspTransport;
import io.camstream.streamer.resilience.StreamTimeouts;
import java.time.Duration;
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
        int portStart = host.lastIndexOf(':');
        if (portStart > host.lastIndexOf(']') && !host.substring(portStart + 1).matches("\\d{1,5}")) {
            throw new IllegalArgumentException("publish URL has a bad port: " + Redactor.urlsOnly().redact(url));
        }
    }

    /** The URL FFmpeg connects to, credentials included. Never log it. */
    String openUrl() {
        return credentials.map(c -> c.injectInto(url)).orElse(url);
    }

    /**
     * Whether the connection can go through a {@link io.camstream.streamer.resilience.PublishConnectionGuard}:
     * plain RTSP with interleaved TCP, where every byte rides on the one control connection (over UDP the media
     * would go to the URL's host directly; TLS would check the certificate against the loopback name).
     */
    boolean guardable() {
        return url.regionMatches(true, 0, "rtsp://", 0, 7) && transport == RtspTransport.TCP;
    }

    /** The server's host, without brackets for IPv6 literals. */
    String host() {
        String hostPort = hostPort();
        if (hostPort.startsWith("[")) {
            return hostPort.substring(1, hostPort.indexOf(']'));
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /** The server's port; RTSP's 554 when the URL names none. */
    int port() {
        String hostPort = hostPort();
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || hostPort.lastIndexOf(']') > colon) {
            return 554;
        }
        return Integer.parseInt(hostPort.substring(colon + 1));
    }

    /** {@link #openUrl()} with the server's host and port replaced by a loopback port. Never log it. */
    String openUrlVia(int loopbackPort) {
        String open = openUrl();
        int authorityStart = open.indexOf("://") + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < open.length() && "/?#".indexOf(open.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = open.substring(authorityStart, authorityEnd);
        String userinfo = authority.substring(0, authority.lastIndexOf('@') + 1);
        return open.substring(0, authorityStart) + userinfo + "127.0.0.1:" + loopbackPort + open.substring(authorityEnd);
    }

    private String hostPort() {
        String rest = url.substring(url.indexOf("://") + 3);
        String authority = rest.split("[/?#]", 2)[0];
        return authority.substring(authority.lastIndexOf('@') + 1);
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
        return options(StreamTimeouts.DEFAULT_WRITE);
    }

    /**
     * Muxer/protocol options, with a socket timeout so that no write or handshake with a frozen server blocks
     * forever: the RTSP muxer takes {@code timeout} (microseconds; FFmpeg lists it for the demuxer only, but the
     * muxer's connection uses it too), the others the generic {@code rw_timeout} ({@code timeout} means "listen"
     * for RTMP).
     */
    Map<String, String> options(Duration writeTimeout) {
        Map<String, String> options = new LinkedHashMap<>();
        if (formatName().equals("rtsp")) {
            options.put("rtsp_transport", transport.ffmpegName());
            options.put("timeout", StreamTimeouts.micros(writeTimeout));
        } else {
            options.put("rw_timeout", StreamTimeouts.micros(writeTimeout));
        }
        return options;
    }
}
