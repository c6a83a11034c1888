package io.camstream.streamer.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * A loopback TCP hop between FFmpeg's RTSP muxer and the server that can cut a stalled connection.
 *
 * <p>When a server accepts TCP but stops reading, FFmpeg's write neither fails nor returns: the kernel keeps
 * accepting a trickle of bytes as the peer's window opens by a few bytes at a time, so each wait is shorter than any
 * socket timeout, and a single frame was measured blocking for over 40 s. A blocked FFmpeg call cannot be aborted
 * from another thread, but a Java socket can: FFmpeg connects here, this relays every byte, and a watchdog closes
 * both sides when one write to the server has been blocked longer than the deadline, so FFmpeg's write fails at once.
 *
 * <p>It also counts the bytes that really went to the server (RTSP, RTP and interleaving headers included), which
 * JavaCV does not expose for transcoded frames.
 */
public final class PublishConnectionGuard implements AutoCloseable {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "camstream-write-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private static final long IDLE = 0;
    private static final int SEND_BUFFER_BYTES = 256 * 1024;

    private final Socket upstream;
    private final ServerSocket listener;
    private final long deadlineNanos;
    private final LongConsumer sentBytes;
    private final ScheduledFuture<?> watch;
    private volatile Socket downstream;
    private volatile long writeStartedNanos = IDLE;
    private volatile boolean tripped;
    private volatile boolean closed;

    private PublishConnectionGuard(Socket upstream, ServerSocket listener, Duration deadline, LongConsumer sentBytes) {
        this.upstream = upstream;
        this.listener = listener;
        this.deadlineNanos = deadline.toNanos();
        this.sentBytes = sentBytes;
        // A quarter of the deadline, at most 0.5 s: waking every 100 ms cost a passthrough streamer ~0.1 % of a
        // core (bench, per-thread profile) for no earlier detection that matters against a multi-second deadline.
        long period = Math.max(10, Math.min(500, deadline.toMillis() / 4));
        this.watch = WATCHDOG.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects to the server (within the deadline) and starts listening on loopback for FFmpeg.
     *
     * @throws IOException the server cannot be reached (refused, unknown host, timed out)
     */
    public static PublishConnectionGuard open(String host, int port, Duration deadline, LongConsumer sentBytes)
            throws IOException {
        Socket upstream = new Socket();
        try {
            upstream.setTcpNoDelay(true);
            // A modest send buffer: enough for a high bitrate over a LAN, small enough that a server that stops
            // reading blocks the next write within a second or two instead of after megabytes.
            upstream.setSendBufferSize(SEND_BUFFER_BYTES);
            upstream.connect(new InetSocketAddress(host, port), (int) Math.max(1, deadline.toMillis()));
        } catch (IOException e) {
            upstream.close();
            throw e;
        }
        ServerSocket listener;
        try {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            listener.setSoTimeout((int) Math.min(Integer.MAX_VALUE, deadline.toMillis() + 10_000));
        } catch (IOException e) {
            upstream.close();
            throw e;
        }
        PublishConnectionGuard guard = new PublishConnectionGuard(upstream, listener, deadline, sentBytes);
        Thread acceptor = new Thread(guard::acceptAndRelay, "camstream-publish-relay");
        acceptor.setDaemon(true);
        acceptor.start();
        return guard;
    }

    /** The loopback port FFmpeg must connect to instead of the server. */
    public int localPort() {
        return listener.getLocalPort();
    }

    /** Whether the watchdog cut the connection because a write to the server overran the deadline. */
    public boolean tripped() {
        return tripped;
    }

    private void acceptAndRelay() {
        try {
            Socket client = listener.accept();
            client.setTcpNoDelay(true);
            downstream = client;
            listener.close();
            if (closed) {
                client.close();
                return;
            }
            Thread replies = new Thread(() -> pump(upstream, client, false), "camstream-publish-replies");
            replies.setDaemon(true);
            replies.start();
            pump(client, upstream, true);
        } catch (IOException e) {
            closeAll();
        }
    }

    /** Copies until either side ends; {@code timed}: the FFmpeg-to-server direction, watched and counted. */
    private void pump(Socket from, Socket to, boolean timed) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (timed) {
                    writeStartedNanos = System.nanoTime();
                }
                out.write(buffer, 0, n);
                if (timed) {
                    writeStartedNanos = IDLE;
                    sentBytes.accept(n);
                }
            }
        } catch (IOException e) {
            // One side ended or was cut: end the other too.
        } finally {
            writeStartedNanos = IDLE;
            closeAll();
        }
    }

    private void check() {
        long started = writeStartedNanos;
        if (started != IDLE && System.nanoTime() - started > deadlineNanos && !closed) {
            tripped = true;
            closeAll();
        }
    }

    private void closeAll() {
        closeQuietly(listener);
        closeQuietly(upstream);
        closeQuietly(downstream);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watch.cancel(false);
        closeAll();
    }
}
