package io.camstream.operator.ui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 by hand, for what a browser or {@code java.net.http} will not send: any {@code Host}, any source address
 * on the loopback network (127.0.0.0/8), a request trickled a byte at a time.
 */
final class RawHttp {
  private RawHttp() {
  }

  /** Sends {@code request} (headers as given, CRLF line ends added) and returns the status code of the answer. */
  static int status(String sourceAddress, int port, String request) throws IOException {
    try (Socket socket = connect(sourceAddress, port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((request.replace("\n", "\r\n") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return parseStatus(readHead(socket.getInputStream()));
    }
  }

  static int get(int port, String host, String path) throws IOException {
    return status("127.0.0.1", port, "GET " + path + " HTTP/1.1\nHost: " + host + "\nConnection: close\n");
  }

  static Socket connect(String sourceAddress, int port) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(sourceAddress, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    return socket;
  }

  /** The status line and headers, up to the empty line. */
  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == end.length) {
        break;
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  static int parseStatus(String head) {
    String[] parts = head.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      return -1;
    }
    return Integer.parseInt(parts[1]);
  }
}
