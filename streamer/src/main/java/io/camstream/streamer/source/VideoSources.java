package io.camstream.streamer.source;

import io.camstream.streamer.testpattern.TestPatternSource;
import java.util.Optional;

/** Opens the right {@link VideoSource} for a {@link SourceLocation}. */
public final class VideoSources {

    private VideoSources() {
    }

    public static VideoSource open(SourceLocation location, Optional<Credentials> credentials, RtspTransport transport,
                                   Redactor redactor) throws SourceLostException {
        return open(location, credentials, transport, redactor, InputOptions.SOCKET_TIMEOUT);
    }

    /** As above, with the socket (stall) timeout for network sources. */
    public static VideoSource open(SourceLocation location, Optional<Credentials> credentials, RtspTransport transport,
                                   Redactor redactor, java.time.Duration socketTimeout) throws SourceLostException {
        if (location.kind() == SourceKind.TESTPATTERN) {
            return new TestPatternSource(location.testPattern().orElseThrow());
        }
        return FfmpegSource.open(location, credentials, transport, redactor, socketTimeout);
    }
}
