package io.camstream.operator.ui;

import java.util.List;

/**
 * Who is asking. In {@code proxy} mode the user and groups the authenticating proxy named; in {@code local} and
 * {@code open} mode nobody in particular ({@link #ANYONE}), who may see every watched camera.
 *
 * @param client what per-client limits count under: the user in {@code proxy} mode (every request then comes from
 *               the proxy's address), the client's address otherwise ({@link ForwardedClient})
 */
record Viewer(String user, List<String> groups, String client) {
  static final String ATTRIBUTE = Viewer.class.getName();

  Viewer {
    groups = List.copyOf(groups);
  }

  static Viewer anyone(String remoteAddress) {
    return new Viewer(null, List.of(), "address " + remoteAddress);
  }

  static Viewer user(String user, List<String> groups) {
    return new Viewer(user, groups, "user " + user);
  }

  boolean isAnyone() {
    return user == null;
  }
}
