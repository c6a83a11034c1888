package io.camstream.streamer.source;

import java.nio.ByteBuffer;

/**
 * One picture in planar YUV 4:2:0 (I420), planes packed without padding: Y ({@code width*height}), then U and V
 * ({@code ceil(width/2)*ceil(height/2)} each). The buffer is owned by the source and valid until its next grab.
 *
 * @param timestampMicros presentation time on the source's clock, microseconds
 */
public record YuvFrame(ByteBuffer data, int width, int height, long timestampMicros) {

    public static int bufferSize(int width, int height) {
        return width * height + 2 * ((width + 1) / 2) * ((height + 1) / 2);
    }
}
