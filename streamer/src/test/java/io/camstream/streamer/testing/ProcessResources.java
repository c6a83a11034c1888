package io.camstream.streamer.testing;

import java.io.File;
import java.lang.management.ManagementFactory;
import org.bytedeco.javacpp.Pointer;

/** What this JVM holds right now: threads, open file descriptors, native memory. */
public record ProcessResources(int threads, int fileDescriptors, long physicalBytes, long javacppBytes,
                               long jvmCommittedBytes) {

    public static ProcessResources now() {
        String[] fds = new File("/proc/self/fd").list();
        return new ProcessResources(ManagementFactory.getThreadMXBean().getThreadCount(),
                fds == null ? -1 : fds.length, Pointer.physicalBytes(), Pointer.totalBytes(), jvmCommitted());
    }

    private static long jvmCommitted() {
        var memory = ManagementFactory.getMemoryMXBean();
        long direct = ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class).stream()
                .mapToLong(java.lang.management.BufferPoolMXBean::getMemoryUsed).sum();
        return memory.getHeapMemoryUsage().getCommitted() + memory.getNonHeapMemoryUsage().getCommitted() + direct;
    }

    /** After a GC, so that unreachable JavaCPP pointers are deallocated before counting. */
    public static ProcessResources settled() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return now();
    }

    @Override
    public String toString() {
        return String.format("threads=%d fds=%d rss=%d MiB (JVM pools committed %d MiB) javacpp=%d KiB",
                threads, fileDescriptors, physicalBytes >> 20, jvmCommittedBytes >> 20, javacppBytes >> 10);
    }
}
