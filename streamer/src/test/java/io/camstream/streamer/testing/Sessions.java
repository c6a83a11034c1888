package io.camstream.streamer.testing;

import io.camstream.streamer.pipeline.OutputOverrides;
import io.camstream.streamer.pipeline.PipelineMode;
import io.camstream.streamer.pipeline.PublishTarget;
import io.camstream.streamer.pipeline.SessionConfig;
import io.camstream.streamer.source.Credentials;
import io.camstream.streamer.source.FfmpegLogBridge;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.source.RtspTransport;
import io.camstream.streamer.source.SourceLocation;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Builds session configurations for tests. */
public final class Sessions {

    private Sessions() {
    }

    public static SessionConfig config(String source, String publishUrl, PipelineMode mode) {
        return config(source, publishUrl, mode, OutputOverrides.defaults());
    }

    public static SessionConfig config(String source, String publishUrl, PipelineMode mode, OutputOverrides output) {
        Redactor redactor = Redactor.urlsOnly();
        FfmpegLogBridge.install(redactor);
        return new SessionConfig(SourceLocation.parse(source), Optional.empty(),
                new PublishTarget(publishUrl, Optional.<Credentials>empty(), RtspTransport.TCP), mode, output,
                RtspTransport.TCP, redactor);
    }

    public static OutputOverrides output(Integer width, Integer height, Double fps, int bitrateKbps, double gopSeconds) {
        return new OutputOverrides(width == null ? OptionalInt.empty() : OptionalInt.of(width),
                height == null ? OptionalInt.empty() : OptionalInt.of(height),
                fps == null ? OptionalDouble.empty() : OptionalDouble.of(fps), bitrateKbps, gopSeconds);
    }
}
