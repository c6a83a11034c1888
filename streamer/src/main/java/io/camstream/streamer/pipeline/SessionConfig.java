package io.camstream.streamer.pipeline;

import io.camstream.streamer.resilience.StreamTimeouts;
import io.camstream.streamer.source.Credentials;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.source.RtspTransport;
import io.camstream.streamer.source.SourceLocation;
import java.util.Optional;

/** Everything one streaming session needs; immutable, so a supervisor can run many sessions from one config. */
public record SessionConfig(SourceLocation source, Optional<Credentials> sourceCredentials, PublishTarget publish,
                            PipelineMode mode, AudioMode audio, OutputOverrides output, RtspTransport rtspTransport,
                            Redactor redactor, StreamTimeouts timeouts) {

    /** Video only ({@link AudioMode#OFF}), with the default stall and write timeouts. */
    public SessionConfig(SourceLocation source, Optional<Credentials> sourceCredentials, PublishTarget publish,
                         PipelineMode mode, OutputOverrides output, RtspTransport rtspTransport, Redactor redactor) {
        this(source, sourceCredentials, publish, mode, AudioMode.OFF, output, rtspTransport, redactor,
                StreamTimeouts.DEFAULTS);
    }

    public SessionConfig withTimeouts(StreamTimeouts newTimeouts) {
        return new SessionConfig(source, sourceCredentials, publish, mode, audio, output, rtspTransport, redactor,
                newTimeouts);
    }

    public SessionConfig withAudio(AudioMode newAudio) {
        return new SessionConfig(source, sourceCredentials, publish, mode, newAudio, output, rtspTransport, redactor,
                timeouts);
    }
}
