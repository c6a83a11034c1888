package io.camstream.operator.health;

/** Whether MediaMTX's control API gave a usable answer to the last poll, and if not, why. */
public enum ApiReachability {
  ANSWERING,
  UNREACHABLE,
  UNAUTHORIZED,
  /** It answered, but not with a path list: 404 (wrong URL or not MediaMTX v3), 5xx, or an unreadable body. */
  FAILING
}
