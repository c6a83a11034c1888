package io.camstream.bench;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/**
 * The memory floor of a JVM streamer: the JVM alone ({@code NativesFloor jvm}) or with the FFmpeg natives loaded
 * the way the streamer loads them ({@code NativesFloor natives}), then idle until killed. No source, no encoder.
 */
public final class NativesFloor {

    private NativesFloor() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("natives")) {
            Loader.load(avformat.class);
            Loader.load(avcodec.class);
            Loader.load(swscale.class);
            Loader.load(avdevice.class);
        }
        System.out.println("ready");
        Thread.sleep(Long.MAX_VALUE);
    }
}
