package io.camstream.streamer.source;

import io.camstream.streamer.testpattern.TestPatternSource;
import java.util.Optional;

/** Opens the right {@link VideoSource} for a {@link SourceLocation}. */
public final class VideoSources {

    private VideoSources() {
    }

    public static VideoSource open(SourceLocation location, Optional<Credentials> credentials, RtspTransport transport,
                                   Redactor redactor) throws SourceLostException {
        return open(location, credentials, transport, redactor, InputOptions.SOCKET_TIMEOUT, false);
    }

    /**
     * As above, with the socket (stall) timeout for network sources, and the source's audio read too when
     * {@code withAudio}.
     */
    public static VideoSource open(SourceLocation location, Optional<Credentials> credentials, RtspTransport transport,
                                   Redactor redactor, java.time.Duration socketTimeout, boolean withAudio)
            throws SourceLostException {
        if (location.kind() == SourceKind.TESTPATTERN) {
            return new TestPatternSource(location.testPattern().orElseThrow(), withAudio);
        }
        return FfmpegSource.open(location, credentials, transport, redactor, socketTimeout, withAudio);
    }
}
