package io.camstream.streamer.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Bounds JavaCPP's native memory by the container's memory limit, so a leak surfaces as a Java
 * {@code OutOfMemoryError} (after JavaCPP has tried a GC to free unreachable frames) instead of the kernel's
 * OOM killer. Must run before any {@code org.bytedeco} class is loaded: JavaCPP reads these properties once, in
 * {@code Pointer}'s static initializer.
 *
 * <p>{@code maxPhysicalBytes} bounds the whole process's resident memory (heap included); it is set to 90 % of the
 * limit to leave room for what JavaCPP does not see. {@code maxBytes} bounds JavaCPP's own allocations: the same
 * minus the maximum heap, never below 64 MiB. Values the user set with {@code -D} are kept.
 */
public final class NativeMemoryLimits {

    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";
    public static final String MAX_BYTES = "org.bytedeco.javacpp.maxBytes";
    private static final long MIN_MAX_BYTES = 64L << 20;
    /** cgroup v1 reports "no limit" as a huge page-aligned number rather than "max". */
    private static final long UNLIMITED_THRESHOLD = 1L << 60;

    private NativeMemoryLimits() {
    }

    /** What was decided, for one log line at startup. */
    public record Applied(long containerLimitBytes, String maxPhysicalBytes, String maxBytes) {
    }

    /** Reads the limit under {@code /sys/fs/cgroup} and sets the JavaCPP properties; empty when there is no limit. */
    public static Optional<Applied> applyFromCgroup() {
        return apply(Path.of("/sys/fs/cgroup"), Runtime.getRuntime().maxMemory());
    }

    static Optional<Applied> apply(Path cgroupRoot, long maxHeapBytes) {
        OptionalLong limit = containerLimit(cgroupRoot);
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        long physical = limit.getAsLong() / 10 * 9;
        long bytes = Math.max(MIN_MAX_BYTES, physical - maxHeapBytes);
        String physicalValue = setIfAbsent(MAX_PHYSICAL_BYTES, physical);
        String bytesValue = setIfAbsent(MAX_BYTES, bytes);
        return Optional.of(new Applied(limit.getAsLong(), physicalValue, bytesValue));
    }

    /** The memory limit of this process's cgroup (v2 {@code memory.max}, else v1 {@code memory.limit_in_bytes}). */
    static OptionalLong containerLimit(Path cgroupRoot) {
        for (Path candidate : new Path[] {
                cgroupRoot.resolve("memory.max"),
                cgroupRoot.resolve("memory").resolve("memory.limit_in_bytes"),
                cgroupRoot.resolve("memory.limit_in_bytes")}) {
            OptionalLong value = read(candidate);
            if (value.isPresent()) {
                return value;
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong read(Path file) {
        if (!Files.isReadable(file)) {
            return OptionalLong.empty();
        }
        try {
            String text = Files.readString(file).trim();
            if (text.isEmpty() || text.equals("max")) {
                return OptionalLong.empty();
            }
            long value = Long.parseLong(text);
            return value <= 0 || value >= UNLIMITED_THRESHOLD ? OptionalLong.empty() : OptionalLong.of(value);
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String setIfAbsent(String property, long value) {
        String existing = System.getProperty(property);
        if (existing != null && !existing.isBlank()) {
            return existing;
        }
        System.setProperty(property, Long.toString(value));
        return Long.toString(value);
    }
}
