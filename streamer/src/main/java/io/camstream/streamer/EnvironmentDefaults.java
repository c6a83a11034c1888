package io.camstream.streamer;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets every flag be set by its {@code CAMSTREAM_*} environment variable (how the operator configures the pod);
 * a flag on the command line wins over the variable, the variable over the built-in default.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

    static final Map<String, String> ENV_BY_OPTION = Map.ofEntries(
            Map.entry("--source", "CAMSTREAM_SOURCE"),
            Map.entry("--publish", "CAMSTREAM_PUBLISH_URL"),
            Map.entry("--mode", "CAMSTREAM_MODE"),
            Map.entry("--audio", "CAMSTREAM_AUDIO"),
            Map.entry("--width", "CAMSTREAM_WIDTH"),
            Map.entry("--height", "CAMSTREAM_HEIGHT"),
            Map.entry("--fps", "CAMSTREAM_FPS"),
            Map.entry("--bitrate-kbps", "CAMSTREAM_BITRATE_KBPS"),
            Map.entry("--gop-seconds", "CAMSTREAM_GOP_SECONDS"),
            Map.entry("--rtsp-transport", "CAMSTREAM_RTSP_TRANSPORT"),
            Map.entry("--health-port", "CAMSTREAM_HEALTH_PORT"),
            Map.entry("--camera-name", "CAMSTREAM_CAMERA_NAME"),
            Map.entry("--stall-timeout-ms", "CAMSTREAM_STALL_TIMEOUT_MS"),
            Map.entry("--write-timeout-ms", "CAMSTREAM_WRITE_TIMEOUT_MS"),
            Map.entry("--backoff-initial-ms", "CAMSTREAM_BACKOFF_INITIAL_MS"),
            Map.entry("--backoff-max-ms", "CAMSTREAM_BACKOFF_MAX_MS"),
            Map.entry("--ready-timeout-ms", "CAMSTREAM_READY_TIMEOUT_MS"));

    private final Map<String, String> env;

    EnvironmentDefaults(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            String variable = ENV_BY_OPTION.get(option.longestName());
            if (variable != null) {
                String value = env.get(variable);
                if (value != null && !value.isBlank()) {
                    return value.trim();
                }
            }
        }
        return argSpec.defaultValue();
    }

    /** "--fps (CAMSTREAM_FPS)" for error messages. */
    static String describe(OptionSpec option) {
        String variable = ENV_BY_OPTION.get(option.longestName());
        return variable == null ? option.longestName() : option.longestName() + " (" + variable + ")";
    }
}
