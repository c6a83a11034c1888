package io.camstream.streamer.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of this module's test classpath in a fresh JVM (for exit codes, signals, static init). */
public final class JavaProcess {

    private JavaProcess() {
    }

    public static Process start(Class<?> mainClass, List<String> jvmArgs, Path output, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (output != null) {
            builder.redirectOutput(output.toFile());
        } else {
            builder.redirectOutput(new File("/dev/null"));
        }
        return builder.start();
    }
}
