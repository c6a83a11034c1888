package io.camstream.streamer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The streamer's Prometheus metrics. Every meter carries the {@code camera} tag. Names as scraped:
 * <ul>
 *   <li>{@code camstream_streamer_frames_grabbed_total}, {@code camstream_streamer_frames_published_total},
 *       {@code camstream_streamer_frames_dropped_total}, {@code camstream_streamer_sent_bytes_total}</li>
 *   <li>{@code camstream_streamer_fps}, {@code camstream_streamer_bitrate_bits_per_second} (last ~2 s)</li>
 *   <li>{@code camstream_streamer_reconnects_total{cause="source|server|stall"}}</li>
 *   <li>{@code camstream_streamer_since_last_publish_seconds} (since start while nothing was published yet)</li>
 *   <li>{@code camstream_streamer_record_seconds} histogram (encode + write of one frame or packet)</li>
 *   <li>{@code camstream_streamer_mode{mode="transcode|passthrough"}} 1 for the active mode, else 0</li>
 *   <li>{@code camstream_streamer_audio{source_codec="aac",codec="opus",action="transcode"}} 1: the audio the source
 *       has ({@code none} without), the codec readers get, and what was done ({@code copy}, {@code transcode},
 *       {@code none}); set once publishing</li>
 *   <li>{@code camstream_streamer_audio_packets_published_total}, {@code camstream_streamer_audio_packets_dropped_total}
 *       (sound thrown away because publishing fell seconds behind)</li>
 *   <li>JVM and process metrics ({@code jvm_*}, {@code process_*}, {@code system_*})</li>
 * </ul>
 */
public final class StreamerMetrics implements AutoCloseable {

    public static final String PREFIX = "camstream.streamer.";
    public static final String MODE_TRANSCODE = "transcode";
    public static final String MODE_PASSTHROUGH = "passthrough";

    private final MeterRegistry registry;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final Counter grabbed;
    private final Counter published;
    private final Counter dropped;
    private final Counter sentBytes;
    private final Map<ReconnectCause, Counter> reconnects = new EnumMap<>(ReconnectCause.class);
    private final Timer record;
    private final SlidingRate frameRate;
    private final SlidingRate byteRate;
    /** {@link Long#MIN_VALUE} until the first publish. */
    private final AtomicLong lastPublishedNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicReference<String> mode = new AtomicReference<>("");
    private final MultiGauge audio;
    private final Counter audioPublished;
    private final Counter audioDropped;
    private final JvmGcMetrics gcMetrics;

    public StreamerMetrics(MeterRegistry registry, String camera, LongSupplier nanoClock) {
        this.registry = registry;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        registry.config().commonTags("camera", camera);
        Tags none = Tags.empty();

        grabbed = Counter.builder(PREFIX + "frames.grabbed")
                .description("Frames (or packets, in passthrough) read from the source").register(registry);
        published = Counter.builder(PREFIX + "frames.published")
                .description("Frames (or packets) written to the server").register(registry);
        dropped = Counter.builder(PREFIX + "frames.dropped")
                .description("Frames dropped because encoding or writing fell behind the source").register(registry);
        sentBytes = Counter.builder(PREFIX + "sent").baseUnit("bytes")
                .description("Bytes sent to the server (on the wire for RTSP over TCP)").register(registry);
        for (ReconnectCause cause : ReconnectCause.values()) {
            reconnects.put(cause, Counter.builder(PREFIX + "reconnects")
                    .description("Reconnects, by what was lost: source, server, or stall (a peer that went silent)")
                    .tag("cause", cause.tagValue()).register(registry));
        }
        record = Timer.builder(PREFIX + "record")
                .description("Time to encode and write one frame (or write one packet) to the server")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);

        frameRate = new SlidingRate(5, TimeUnit.MILLISECONDS.toNanos(500), nanoClock);
        byteRate = new SlidingRate(5, TimeUnit.MILLISECONDS.toNanos(500), nanoClock);
        Gauge.builder(PREFIX + "fps", frameRate, SlidingRate::perSecond)
                .description("Frames published per second over the last 2 s").tags(none).register(registry);
        Gauge.builder(PREFIX + "bitrate", byteRate, r -> r.perSecond() * 8)
                .baseUnit("bits.per.second")
                .description("Output bitrate over the last 2 s").register(registry);
        Gauge.builder(PREFIX + "since.last.publish", this, StreamerMetrics::secondsSinceLastPublish)
                .baseUnit("seconds")
                .description("Seconds since the last frame was published (since start if none yet)")
                .register(registry);
        for (String m : new String[] {MODE_TRANSCODE, MODE_PASSTHROUGH}) {
            Gauge.builder(PREFIX + "mode", mode, current -> m.equals(current.get()) ? 1 : 0)
                    .description("1 for the pipeline mode in use (transcode or passthrough)")
                    .tag("mode", m).register(registry);
        }

        audio = MultiGauge.builder(PREFIX + "audio")
                .description("1 for the audio in use: the source's codec, the codec published, and the action")
                .register(registry);
        audioPublished = Counter.builder(PREFIX + "audio.packets.published")
                .description("Audio packets written to the server").register(registry);
        audioDropped = Counter.builder(PREFIX + "audio.packets.dropped")
                .description("Audio packets dropped because writing fell seconds behind the source").register(registry);

        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** A Prometheus registry for {@code camera}, with the system clock. */
    public static StreamerMetrics prometheus(String camera) {
        return new StreamerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), camera, System::nanoTime);
    }

    public void frameGrabbed() {
        grabbed.increment();
    }

    public void frameDropped() {
        dropped.increment();
    }

    /** One frame or packet reached the server. */
    public void framePublished() {
        published.increment();
        frameRate.add(1);
        lastPublishedNanos.set(nanoClock.getAsLong());
    }

    /** {@code bytes} more went to the server (may be called from a network thread). */
    public void bytesSent(long bytes) {
        if (bytes > 0) {
            sentBytes.increment(bytes);
            byteRate.add(bytes);
        }
    }

    /** One write (encode + send) took {@code nanos}; failed and overrun writes count too. */
    public void writeTimed(long nanos) {
        record.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void reconnect(ReconnectCause cause) {
        reconnects.get(cause).increment();
    }

    /** {@code transcode} or {@code passthrough}; anything else clears the mode. */
    public void mode(String newMode) {
        mode.set(newMode == null ? "" : newMode.toLowerCase(Locale.ROOT));
    }

    /** The audio now published: {@code sourceCodec} ({@code none} without audio), published as {@code codec}. */
    public void audio(String sourceCodec, String codec, String action) {
        audio.register(List.of(MultiGauge.Row.of(
                Tags.of("source_codec", sourceCodec, "codec", codec, "action", action), 1)), true);
    }

    public void audioPublished(int packets) {
        if (packets > 0) {
            audioPublished.increment(packets);
        }
    }

    public void audioDropped() {
        audioDropped.increment();
    }

    public double secondsSinceLastPublish() {
        long last = lastPublishedNanos.get();
        long since = last == Long.MIN_VALUE ? startNanos : last;
        return (nanoClock.getAsLong() - since) / 1e9;
    }

    /** True if a frame was published within {@code window}. */
    public boolean publishedWithin(Duration window) {
        long last = lastPublishedNanos.get();
        return last != Long.MIN_VALUE && nanoClock.getAsLong() - last <= window.toNanos();
    }

    public double reconnects(ReconnectCause cause) {
        return reconnects.get(cause).count();
    }

    public double framesPublished() {
        return published.count();
    }

    public double framesDropped() {
        return dropped.count();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Prometheus text exposition, or empty if the registry is not a Prometheus one. */
    public String scrape() {
        return registry instanceof PrometheusMeterRegistry prometheus ? prometheus.scrape() : "";
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
