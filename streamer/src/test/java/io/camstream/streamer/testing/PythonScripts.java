package io.camstream.streamer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The Python peers the tests start (GStreamer RTSP relay and camera) live on the test classpath, not on disk. */
final class PythonScripts {

    private PythonScripts() {
    }

    /** Copies a script beside this class on the classpath into a temporary file, deleted when the JVM exits. */
    static Path extract(String name) {
        try (InputStream in = PythonScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the test classpath");
            }
            Path file = Files.createTempFile("camstream-" + name.replaceFirst("\\.py$", ""), ".py");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
