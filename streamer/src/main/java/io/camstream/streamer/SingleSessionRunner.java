package io.camstream.streamer;

import io.camstream.streamer.pipeline.SessionListener;
import io.camstream.streamer.pipeline.StreamSession;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs exactly one session until it fails or the process is asked to stop (SIGTERM/SIGINT), then closes the
 * source and publisher cleanly (RTSP TEARDOWN) before the JVM exits.
 */
public final class SingleSessionRunner implements StreamerRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SingleSessionRunner.class);

    @Override
    public int run(StreamerConfig config) {
        StreamSession session = new StreamSession(config.session(), SessionListener.NONE);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            session.requestStop();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            session.run();
            LOG.info("Stopped");
            return StreamerMain.EXIT_OK;
        } catch (StreamFailure failure) {
            LOG.error("{}", failure.getMessage());
            return failure.retryable() ? StreamerMain.EXIT_FAILURE : StreamerMain.EXIT_USAGE;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running; it only waits for the latch counted down above.
            }
        }
    }
}
