package io.camstream.streamer.testing;

import java.util.ArrayList;
import java.util.List;

/** Splits an H.264 Annex-B byte stream (start codes 00 00 01 / 00 00 00 01) into NAL units. */
public final class AnnexB {

    public static final int NAL_SLICE = 1;
    public static final int NAL_IDR = 5;
    public static final int NAL_SPS = 7;
    public static final int NAL_PPS = 8;

    private AnnexB() {
    }

    /** The NAL units without their start codes. */
    public static List<byte[]> nalUnits(byte[] stream) {
        List<byte[]> units = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i + 2 < stream.length) {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1) {
                if (start >= 0) {
                    int end = i;
                    while (end > start && stream[end - 1] == 0) {
                        end--; // trailing zero of a 4-byte start code
                    }
                    units.add(java.util.Arrays.copyOfRange(stream, start, end));
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0 && start < stream.length) {
            units.add(java.util.Arrays.copyOfRange(stream, start, stream.length));
        }
        return units;
    }

    public static int type(byte[] nal) {
        return nal.length == 0 ? -1 : nal[0] & 0x1f;
    }

    public static long count(byte[] stream, int type) {
        return nalUnits(stream).stream().filter(n -> type(n) == type).count();
    }
}
