package io.camstream.operator.desired;

/** Keys of the generated Secret {@code <name>-mediamtx-credentials}. */
public final class CredentialKeys {
  public static final String PUBLISHER_USERNAME = "publisher-username";
  public static final String PUBLISHER_PASSWORD = "publisher-password";
  public static final String API_USERNAME = "api-username";
  public static final String API_PASSWORD = "api-password";
  public static final String READER_USERNAME = "reader-username";
  public static final String READER_PASSWORD = "reader-password";
  /**
   * MediaMTX's {@code hlsCDNSecret}: the camera wall's HLS proxy sends it as {@code Authorization: Bearer} and is
   * served as one CDN session per path, without MediaMTX's per-viewer session handshake.
   */
  public static final String HLS_CDN_SECRET = "hls-cdn-secret";

  public static final String PUBLISHER_USER = "camstream-publisher";
  public static final String API_USER = "camstream-api";
  public static final String READER_USER = "camstream-reader";

  private CredentialKeys() {
  }
}
