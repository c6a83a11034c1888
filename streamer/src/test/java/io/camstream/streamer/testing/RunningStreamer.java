package io.camstream.streamer.testing;

import io.camstream.streamer.StreamerConfig;
import io.camstream.streamer.SupervisedRunner;
import io.camstream.streamer.metrics.StreamerMetrics;
import io.camstream.streamer.resilience.GracefulShutdown;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link SupervisedRunner} (supervisor, probes, metrics) running in-process on its own thread, with
 * its health server on a free port; {@link #close()} stops it as SIGTERM would and waits.
 */
public final class RunningStreamer implements AutoCloseable {

    private final GracefulShutdown shutdown = new GracefulShutdown(Duration.ofSeconds(10));
    private final CompletableFuture<SupervisedRunner.Started> started = new CompletableFuture<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread thread;

    private RunningStreamer(StreamerConfig config) {
        SupervisedRunner runner = new SupervisedRunner(shutdown, started::complete);
        thread = new Thread(() -> {
            try {
                exit.complete(runner.run(config));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
                started.completeExceptionally(t);
            }
        }, "test-streamer");
    }

    public static RunningStreamer start(StreamerConfig config) throws Exception {
        RunningStreamer streamer = new RunningStreamer(config);
        streamer.thread.start();
        streamer.started.get(30, TimeUnit.SECONDS);
        return streamer;
    }

    public StreamerMetrics metrics() {
        return started.join().metrics();
    }

    public int healthPort() {
        return started.join().healthPort();
    }

    /** GET on the health port; returns status code and body. */
    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort() + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public int status(String path) {
        return get(path).statusCode();
    }

    public double frames() {
        return metrics().framesPublished();
    }

    /** Stops like SIGTERM does and returns the runner's exit status. */
    public int stop(Duration timeout) throws Exception {
        shutdown.requestStop();
        return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean loopFinished(Duration timeout) throws InterruptedException {
        return shutdown.awaitLoopFinished(timeout);
    }

    @Override
    public void close() throws Exception {
        shutdown.requestStop();
        thread.join(20_000);
    }
}
