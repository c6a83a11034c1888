package io.camstream.operator.mediamtx.api;

import java.util.List;

/**
 * What asking MediaMTX for its paths came to. Every failure is a value, not an exception, so a poller can turn it into
 * a condition reason; no detail ever contains a credential.
 */
public sealed interface PathsListResult {

  /** Every page was read. */
  record Listed(List<Path> paths) implements PathsListResult {
    public Listed {
      paths = List.copyOf(paths);
    }
  }

  /** HTTP 401: the API user or password is wrong, or the user may not call the API. */
  record Unauthorized(String detail) implements PathsListResult {
  }

  /** No HTTP answer: connection refused, DNS failure, connect or request timeout. */
  record Unreachable(String detail) implements PathsListResult {
  }

  /** HTTP 404: the URL does not lead to a MediaMTX v3 control API. */
  record NotFound(String detail) implements PathsListResult {
  }

  /** HTTP 5xx: MediaMTX answered but failed. */
  record ServerError(int httpStatus, String detail) implements PathsListResult {
  }

  /** Any other answer the client cannot use: another status, or a body that is not a {@code PathList}. */
  record UnexpectedResponse(int httpStatus, String detail) implements PathsListResult {
  }
}
