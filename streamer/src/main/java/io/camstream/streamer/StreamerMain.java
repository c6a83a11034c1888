package io.camstream.streamer;

import java.io.PrintWriter;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.resilience.GracefulShutdown;
import io.camstream.streamer.resilience.NativeMemoryLimits;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Entry point of {@code camstream-streamer.jar}. */
public final class StreamerMain {

    public static final int EXIT_OK = 0;
    /** The source or the media server failed; restarting may help. */
    public static final int EXIT_FAILURE = 1;
    /** Bad configuration; restarting will not help. */
    public static final int EXIT_USAGE = 2;

    private StreamerMain() {
    }

    public static void main(String[] args) {
        // Before anything loads JavaCPP: it reads its memory limits once, when Pointer initializes.
        Optional<NativeMemoryLimits.Applied> limits = NativeMemoryLimits.applyFromCgroup();
        GracefulShutdown shutdown = new GracefulShutdown(Duration.ofSeconds(10)).installHook();
        limits.ifPresent(l -> LoggerFactory.getLogger(StreamerMain.class).info(
                "Container memory limit {} MiB: JavaCPP maxPhysicalBytes={} maxBytes={}",
                l.containerLimitBytes() >> 20, l.maxPhysicalBytes(), l.maxBytes()));
        int status = execute(args, System.getenv(), new SupervisedRunner(shutdown), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true));
        shutdown.exit(status);
    }

    /** Parses flags and environment, then hands the validated configuration to {@code runner}. */
    public static int execute(String[] args, Map<String, String> env, StreamerRunner runner, PrintWriter out,
                              PrintWriter err) {
        CommandLine cli = commandLine(env, runner);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine(Map<String, String> env, StreamerRunner runner) {
        Redactor redactor = Redactor.forSecrets(env.get("CAMSTREAM_SOURCE_PASSWORD"), env.get("CAMSTREAM_PUBLISH_PASSWORD"));
        CommandLine cli = new CommandLine(new StreamerCommand(env, runner));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setDefaultValueProvider(new EnvironmentDefaults(env));
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            String message = ex.getMessage();
            if (ex.getArgSpec() instanceof OptionSpec option && !message.contains(EnvironmentDefaults.describe(option))) {
                message = message + " [" + EnvironmentDefaults.describe(option) + "]";
            }
            failed.getErr().println("camstream-streamer: " + redactor.redact(message));
            failed.getErr().println("Try --help for the options and their environment variables.");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            failed.getErr().println("camstream-streamer: " + ex.getClass().getSimpleName() + ": "
                    + redactor.redact(ex.getMessage()));
            return EXIT_FAILURE;
        });
        return cli;
    }
}
