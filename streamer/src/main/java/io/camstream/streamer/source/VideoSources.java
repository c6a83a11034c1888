package io.camstream.streamer.source;

import io.camstream.streamer.testpattern.TestPatternSource;
import java.util.Optional;

/** Opens the right {@link VideoSource} for a {@link SourceLocation}. */
public final class VideoSources {

    private VideoSources() {
    }

    public static VideoSource open(SourceLocation location, Optional<Credentials> credentials, RtspTransport transport,
                                   Redactor redactor) throws SourceLostException {
        if (location.kind() == SourceKind.TESTPATTERN) {
            return new TestPatternSource(location.testPattern().orElseThrow());
        }
        return FfmpegSource.open(location, credentials, transport, redactor);
    }
}
