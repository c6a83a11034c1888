package io.camstream.streamer.source;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

/**
 * Sends FFmpeg's own log lines to SLF4J (logger {@code ffmpeg}) through a {@link Redactor}: FFmpeg prints URLs,
 * and URLs carry camera passwords. Also keeps FFmpeg at warning level so that it never dumps stream info
 * (which includes the full input URL) on its own.
 */
public final class FfmpegLogBridge extends LogCallback {

    private static final Logger LOG = LoggerFactory.getLogger("ffmpeg");
    private static FfmpegLogBridge installed;

    /** The same message (context address stripped) is logged at most once per this many nanoseconds. */
    private static final long REPEAT_NANOS = 60_000_000_000L;
    private static final int REMEMBERED = 64;
    private static final Pattern CONTEXT_ADDRESS = Pattern.compile(" @ 0x[0-9a-f]+\\]");

    private volatile Redactor redactor = Redactor.urlsOnly();
    /** Last time each recent message was logged: FFmpeg repeats some warnings for every frame. */
    private final Map<String, Long> lastLogged = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    private FfmpegLogBridge() {
    }

    /** Installs the bridge once per process; later calls only update the secrets it masks. */
    public static synchronized void install(Redactor redactor) {
        if (installed == null) {
            installed = new FfmpegLogBridge();
            installed.retainReference();
            av_log_set_level(AV_LOG_WARNING);
            setLogCallback(installed);
        }
        installed.redactor = redactor;
    }

    private boolean firstInAWhile(String text) {
        long now = System.nanoTime();
        synchronized (lastLogged) {
            Long last = lastLogged.get(text);
            if (last != null && now - last < REPEAT_NANOS) {
                return false;
            }
            lastLogged.put(text, now);
            return true;
        }
    }

    @Override
    public void call(int level, BytePointer msg) {
        String line = msg.getString().stripTrailing();
        if (line.isEmpty()) {
            return;
        }
        String text = redactor.redact(CONTEXT_ADDRESS.matcher(line).replaceAll("]"));
        if (level > AV_LOG_ERROR && !firstInAWhile(text)) {
            return;
        }
        if (level <= AV_LOG_ERROR) {
            LOG.error(text);
        } else if (level <= AV_LOG_WARNING) {
            LOG.warn(text);
        } else if (level <= AV_LOG_INFO) {
            LOG.info(text);
        } else {
            LOG.debug(text);
        }
    }
}
