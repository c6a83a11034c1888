package io.camstream.operator.webrtc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of MediaMTX's {@code webrtcICEServers2}, credentials resolved. {@link #toString()} never shows the
 * password, so the entry can be logged or put into an exception message.
 *
 * @param username and {@code password}: present for TURN, empty for STUN. A username of {@code AUTH_SECRET} makes
 *     MediaMTX derive short-lived credentials from the password (TURN REST API, coturn's {@code use-auth-secret}).
 * @param clientOnly handed to browsers only; MediaMTX itself gathers no candidates through it
 */
public record IceServer(String url, Optional<String> username, Optional<String> password, boolean clientOnly) {

  public static IceServer stun(String url, boolean clientOnly) {
    return new IceServer(url, Optional.empty(), Optional.empty(), clientOnly);
  }

  public static IceServer turn(String url, String username, String password, boolean clientOnly) {
    return new IceServer(url, Optional.of(username), Optional.of(password), clientOnly);
  }

  /** The entry as MediaMTX reads it ({@code internal/conf/webrtc_ice_server.go}). */
  public Map<String, Object> configEntry() {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("url", url);
    username.ifPresent(u -> entry.put("username", u));
    password.ifPresent(p -> entry.put("password", p));
    entry.put("clientOnly", clientOnly);
    return entry;
  }

  @Override
  public String toString() {
    return "IceServer[url=" + url + (username.isPresent() ? ", credentials=<from Secret>" : "")
        + (clientOnly ? ", clientOnly" : "") + "]";
  }
}
