package io.camstream.streamer.source;

import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.javacpp.Loader;

/**
 * FFmpeg's capture devices (V4L2 and the rest of libavdevice), registered the first time a device source opens.
 *
 * <p>Only then: libavdevice links libavfilter and the X11, ALSA and PulseAudio client libraries (about 30 shared
 * objects), which a streamer reading a network camera or a file never needs. Loading them cost every streamer
 * ~5 MB of resident memory and part of its start-up (docs/benchmarks.md, footprint).
 */
final class InputDevices {

    private static volatile boolean registered;

    private InputDevices() {
    }

    static void register() {
        if (!registered) {
            synchronized (InputDevices.class) {
                if (!registered) {
                    Loader.load(avdevice.class);
                    avdevice.avdevice_register_all();
                    registered = true;
                }
            }
        }
    }
}
