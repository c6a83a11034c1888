package io.camstream.operator.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A stand-in for MediaMTX's HLS server: Debian's ffmpeg encodes its test pattern to live H.264 fMP4 HLS with the
 * file names MediaMTX's muxer uses ({@code index.m3u8}, {@code video1_stream.m3u8}, {@code <prefix>_video1_init.mp4},
 * {@code <prefix>_video1_seg<N>.mp4}), and a loopback HTTP server serves them at
 * {@code /{namespace}/{name}/{camera}/<file>} for the cameras it was told about (404 for anything else). It counts
 * the requests it answered.
 */
final class StandInHlsOrigin implements AutoCloseable {
  static final String PREFIX = "0123456789ab";

  private final Path directory;
  private final Process ffmpeg;
  private final HttpServer server;
  private final Set<String> cameras = ConcurrentHashMap.newKeySet();
  private final AtomicInteger served = new AtomicInteger();

  private StandInHlsOrigin(Path directory, Process ffmpeg, HttpServer server) {
    this.directory = directory;
    this.ffmpeg = ffmpeg;
    this.server = server;
  }

  static StandInHlsOrigin start() throws IOException {
    Path directory = Files.createTempDirectory("camstream-hls-origin");
    Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
        "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=15",
        "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
        "-g", "15", "-keyint_min", "15", "-sc_threshold", "0", "-b:v", "600k",
        "-f", "hls", "-hls_time", "1", "-hls_list_size", "6",
        "-hls_flags", "delete_segments+independent_segments+omit_endlist",
        "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", PREFIX + "_video1_init.mp4",
        "-hls_segment_filename", directory.resolve(PREFIX + "_video1_seg%d.mp4").toString(),
        "-master_pl_name", "index.m3u8",
        directory.resolve("video1_stream.m3u8").toString()))
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("ffmpeg.log").toFile())
        .start();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "stand-in-hls-origin");
      thread.setDaemon(true);
      return thread;
    }));
    StandInHlsOrigin origin = new StandInHlsOrigin(directory, ffmpeg, server);
    server.createContext("/", origin::handle);
    server.start();
    return origin;
  }

  /** The template the operator is configured with: this server, per namespace and CameraStream name. */
  String urlTemplate() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/{namespace}/{name}";
  }

  void serve(String namespace, String name, String camera) {
    cameras.add(namespace + "/" + name + "/" + camera);
  }

  int served() {
    return served.get();
  }

  /** ffmpeg wrote its first playlist (it has at least one segment). */
  boolean ready() {
    return Files.exists(directory.resolve("index.m3u8")) && Files.exists(directory.resolve("video1_stream.m3u8"));
  }

  String ffmpegLog() throws IOException {
    return Files.readString(directory.resolve("ffmpeg.log"));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] parts = exchange.getRequestURI().getPath().substring(1).split("/");
      if (parts.length != 4 || !cameras.contains(parts[0] + "/" + parts[1] + "/" + parts[2])
          || parts[3].contains("..") || parts[3].startsWith("ffmpeg")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body;
      try {
        body = Files.readAllBytes(directory.resolve(parts[3]));
      } catch (NoSuchFileException e) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      served.incrementAndGet();
      exchange.getResponseHeaders().set("Content-Type",
          parts[3].endsWith(".m3u8") ? "application/vnd.apple.mpegurl" : "video/mp4");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
    ffmpeg.destroy();
    try {
      if (!ffmpeg.waitFor(5, TimeUnit.SECONDS)) {
        ffmpeg.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
