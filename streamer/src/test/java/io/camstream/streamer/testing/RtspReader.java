package io.camstream.streamer.testing;

import java.time.Duration;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** A real RTSP reader (FFmpeg through JavaCV): did a decoded picture arrive, and when. */
public final class RtspReader {

    private RtspReader() {
    }

    /**
     * Connects to {@code url} again and again until a decoded picture arrives; returns how long that took from the
     * call, or null if none arrived within {@code within}.
     */
    public static Duration firstPicture(String url, Duration within) {
        long start = System.nanoTime();
        long end = start + within.toNanos();
        while (System.nanoTime() < end) {
            long left = Math.max(200_000L, Math.min(2_000_000L, (end - System.nanoTime()) / 1000));
            FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url);
            grabber.setOption("rtsp_transport", "tcp");
            grabber.setOption("timeout", Long.toString(left));
            grabber.setOption("probesize", "100000");
            grabber.setOption("analyzeduration", "100000");
            try {
                grabber.start();
                for (int i = 0; i < 100 && System.nanoTime() < end; i++) {
                    Frame frame = grabber.grabImage();
                    if (frame == null) {
                        break;
                    }
                    if (frame.image != null) {
                        return Duration.ofNanos(System.nanoTime() - start);
                    }
                }
            } catch (Exception e) {
                sleepQuietly(100);
            } finally {
                try {
                    grabber.close();
                } catch (Exception ignored) {
                    // best effort
                }
            }
        }
        return null;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
