package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.Credentials;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.source.RtspTransport;
import io.camstream.streamer.source.SourceLocation;
import java.util.Optional;

/** Everything one streaming session needs; immutable, so a supervisor can run many sessions from one config. */
public record SessionConfig(SourceLocation source, Optional<Credentials> sourceCredentials, PublishTarget publish,
                            PipelineMode mode, OutputOverrides output, RtspTransport rtspTransport,
                            Redactor redactor) {
}
