package io.camstream.operator.testing.apiserver;

/**
 * A request the API server refuses with a Status: its code, CamelCase reason and message.
 *
 * @param continueToken for a 410 Expired continue: the token that goes on with the latest state
 */
final class ApiError extends RuntimeException {
  private final int code;
  private final String reason;
  private final String continueToken;

  ApiError(int code, String reason, String message) {
    this(code, reason, message, null);
  }

  ApiError(int code, String reason, String message, String continueToken) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.continueToken = continueToken;
  }

  int code() {
    return code;
  }

  String reason() {
    return reason;
  }

  String continueToken() {
    return continueToken;
  }
}
