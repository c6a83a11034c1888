package io.camstream.streamer.source;

import java.util.Locale;

/** Lower transport for RTSP, used both for pulling the camera and for pushing to the media server. */
public enum RtspTransport {
    TCP,
    UDP;

    /** The value FFmpeg's {@code rtsp_transport} option takes. */
    public String ffmpegName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
