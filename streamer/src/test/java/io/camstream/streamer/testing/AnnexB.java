package io.camstream.streamer.testing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** A digest of each picture slice (IDR or not) of {@code stream}: equal sets mean the same coded pictures. */
    public static Set<String> slices(byte[] stream) {
        return nalUnits(stream).stream().filter(n -> type(n) == NAL_SLICE || type(n) == NAL_IDR)
                .map(n -> HexFormat.of().formatHex(sha256(n))).collect(Collectors.toCollection(HashSet::new));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(byte[] stream, int type) {
        return nalUnits(stream).stream().filter(n -> type(n) == type).count();
    }
}
