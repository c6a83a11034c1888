package io.camstream.streamer.pipeline;

import java.util.Locale;

/** What a session does with the source's audio. */
public enum AudioAction {
    /** No audio is published: the source has none, or {@code --audio off}. */
    NONE,
    /** The source's audio packets are published unchanged. */
    COPY,
    /** The source's audio is decoded and encoded as Opus, 48 kHz. */
    TRANSCODE;

    /** The metric label: {@code none}, {@code copy}, {@code transcode}. */
    public String tagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
