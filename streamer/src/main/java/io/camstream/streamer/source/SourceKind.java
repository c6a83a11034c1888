package io.camstream.streamer.source;

/** What a {@code --source} value points at; decides the demuxer and the input options. */
public enum SourceKind {
    RTSP(true),
    RTMP(true),
    HTTP(true),
    SRT(true),
    FILE(false),
    V4L2(false),
    TESTPATTERN(false);

    private final boolean network;

    SourceKind(boolean network) {
        this.network = network;
    }

    /** Network sources need a socket timeout; a grab without one can hang forever on a dead peer. */
    public boolean isNetwork() {
        return network;
    }
}
