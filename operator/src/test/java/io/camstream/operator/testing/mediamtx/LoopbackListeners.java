package io.camstream.operator.testing.mediamtx;

import io.camstream.operator.desired.Recording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a test changes in the {@code mediamtx.yml} the operator built, and nothing else: every listen address
 * ({@code *Address} keys: API, metrics, playback, RTSP, HLS, WebRTC and its ICE UDP/TCP port) moves to 127.0.0.1 on
 * a free port, and recordings go to a temporary directory instead of the claim mounted at
 * {@value Recording#MOUNT_PATH}. Each port the operator writes maps to one loopback port for the fixture's whole
 * life (restarts and reloads included), so URLs handed out before a start stay valid; two listeners on the same
 * number (WebRTC ICE on UDP and TCP) stay on one number.
 */
final class LoopbackListeners {
  /** Ports handed out in this JVM: never twice, even after the socket that found them is closed. */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private final Map<Integer, Integer> ports = new ConcurrentHashMap<>();
  private final Path recordings;

  LoopbackListeners(Path recordings) {
    this.recordings = recordings;
  }

  /** The loopback port that stands for the port the operator configured (e.g. {@code MediaMtxPorts.API}). */
  int port(int configured) {
    return ports.computeIfAbsent(configured, ignored -> freePort());
  }

  Path recordings() {
    return recordings;
  }

  /** The configuration MediaMTX is started with: {@code config} with listen addresses and recordings moved. */
  @SuppressWarnings("unchecked")
  Map<String, Object> adapt(Map<String, Object> config) {
    Map<String, Object> adapted = new LinkedHashMap<>();
    config.forEach((key, value) -> {
      if (key.endsWith("Address") && value instanceof String address) {
        adapted.put(key, LOOPBACK.getHostAddress() + ":" + port(portOf(key, address)));
      } else if (key.equals("paths") && value instanceof Map<?, ?> paths) {
        Map<String, Object> moved = new LinkedHashMap<>();
        ((Map<String, Object>) paths).forEach((name, path) -> moved.put(name,
            path instanceof Map<?, ?> pathConfig ? movedRecordings((Map<String, Object>) pathConfig) : path));
        adapted.put(key, moved);
      } else if (key.equals("pathDefaults") && value instanceof Map<?, ?> defaults) {
        adapted.put(key, movedRecordings((Map<String, Object>) defaults));
      } else {
        adapted.put(key, value);
      }
    });
    return adapted;
  }

  private Map<String, Object> movedRecordings(Map<String, Object> path) {
    Map<String, Object> moved = new LinkedHashMap<>(path);
    if (moved.get("recordPath") instanceof String recordPath && recordPath.startsWith(Recording.MOUNT_PATH + "/")) {
      moved.put("recordPath", recordings + recordPath.substring(Recording.MOUNT_PATH.length()));
    }
    return moved;
  }

  private static int portOf(String key, String address) {
    int colon = address.lastIndexOf(':');
    try {
      return Integer.parseInt(address.substring(colon + 1));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(key + ": " + address + " is not a listen address", e);
    }
  }

  /**
   * A port free on 127.0.0.1 for TCP and UDP alike (WebRTC's ICE listens on both with one number), chosen below the
   * kernel's ephemeral range: a port the kernel hands out (port 0) is also what it gives the next outgoing connection
   * of any process — a browser, ffmpeg, an HTTP client — so between reserving it and MediaMTX binding it, it can be
   * taken ("bind: address already in use"). Below that range only another listener can take it.
   */
  static int freePort() {
    int[] range = listenRange();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(range[0], range[1]);
      if (HANDED_OUT.contains(port)) {
        continue;
      }
      try (ServerSocket tcp = new ServerSocket()) {
        tcp.setReuseAddress(false);
        tcp.bind(new InetSocketAddress(LOOPBACK, port));
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
          if (HANDED_OUT.add(port)) {
            return port;
          }
        }
      } catch (IOException taken) {
        // in use for TCP or UDP: try another
      }
    }
    throw new IllegalStateException("no loopback port free for both TCP and UDP in " + range[0] + "-" + range[1]
        + " after 200 attempts");
  }

  /** Ports to listen on: from 10000 up to the kernel's ephemeral range ({@code ip_local_port_range}). */
  private static int[] listenRange() {
    int ephemeralLow = 32768;
    try {
      String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
      ephemeralLow = Integer.parseInt(range[0]);
    } catch (IOException | RuntimeException notLinux) {
      // the Linux default
    }
    return ephemeralLow > 11000 ? new int[] {10000, ephemeralLow} : new int[] {ephemeralLow, 65535};
  }
}
