package io.camstream.streamer.pipeline;

/**
 * What to do with the camera's audio ({@code --audio}). Browsers play Opus and G.711 over WebRTC, AAC and Opus over
 * LL-HLS; RTSP readers take anything.
 */
public enum AudioMode {
    /** Copy Opus and 8 kHz mono G.711 (WebRTC plays them); transcode anything else to Opus 48 kHz. */
    AUTO,
    /** Copy the camera's audio whatever its codec (for RTSP readers, recordings); nothing is transcoded. */
    COPY,
    /** Opus for every reader: Opus is copied, anything else (G.711 too, which LL-HLS cannot play) transcoded. */
    OPUS,
    /** Video only: the camera's audio is not even received. */
    OFF
}
