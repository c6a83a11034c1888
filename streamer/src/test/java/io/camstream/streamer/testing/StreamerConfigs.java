package io.camstream.streamer.testing;

import io.camstream.streamer.StreamerConfig;
import io.camstream.streamer.StreamerMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Builds a {@link StreamerConfig} exactly as the CLI does, from flags and environment. */
public final class StreamerConfigs {

    private StreamerConfigs() {
    }

    /** Fast-recovery settings for tests: short stall and write timeouts, backoff 0.2 s to 1 s. */
    public static List<String> fastRecovery() {
        return List.of("--stall-timeout-ms", "2000", "--write-timeout-ms", "1000", "--backoff-initial-ms", "200",
                "--backoff-max-ms", "1000", "--ready-timeout-ms", "1500", "--health-port", "0");
    }

    public static StreamerConfig parse(Map<String, String> env, List<String> args) {
        AtomicReference<StreamerConfig> config = new AtomicReference<>();
        StringWriter err = new StringWriter();
        int status = StreamerMain.execute(args.toArray(String[]::new), env, c -> {
            config.set(c);
            return 0;
        }, new PrintWriter(new StringWriter()), new PrintWriter(err));
        if (status != 0 || config.get() == null) {
            throw new IllegalArgumentException("bad test configuration: " + err);
        }
        return config.get();
    }

    public static StreamerConfig of(String source, String publish, String... more) {
        List<String> args = new ArrayList<>(List.of("--source", source, "--publish", publish));
        List<String> overrides = List.of(more);
        List<String> defaults = fastRecovery();
        for (int i = 0; i < defaults.size(); i += 2) {
            if (!overrides.contains(defaults.get(i))) {
                args.add(defaults.get(i));
                args.add(defaults.get(i + 1));
            }
        }
        args.addAll(overrides);
        return parse(Map.of(), args);
    }
}
