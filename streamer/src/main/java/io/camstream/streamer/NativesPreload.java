package io.camstream.streamer;

import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.Loader;
import org.slf4j.LoggerFactory;

/**
 * Loads FFmpeg's natives (libavutil, libavcodec, libavformat through JavaCPP) on a daemon thread while the main
 * thread sets up logging, parses the flags and starts the metrics and probes, instead of after them: loading is the
 * largest single step of a start (~0.1 s of CPU, docs/benchmarks.md, start-up) and needs nothing from the
 * configuration. The first session that touches FFmpeg waits for it through the JVM's class initialisation lock, so
 * nothing can run against half-loaded libraries. A failure here is only logged: the session that needs the libraries
 * fails with the loader's own error, as it would without the preload.
 */
final class NativesPreload {

    private NativesPreload() {
    }

    /** Call after {@code NativeMemoryLimits} (JavaCPP reads its limits once, when it starts). */
    static void start() {
        Thread thread = new Thread(NativesPreload::load, "camstream-natives-preload");
        thread.setDaemon(true);
        thread.start();
    }

    private static void load() {
        try {
            Loader.load(avformat.class);
        } catch (Throwable e) {
            LoggerFactory.getLogger(NativesPreload.class).debug("Preloading FFmpeg's natives failed: {}", e.toString());
        }
    }
}
