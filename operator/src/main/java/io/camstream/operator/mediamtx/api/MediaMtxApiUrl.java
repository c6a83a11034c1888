package io.camstream.operator.mediamtx.api;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Resolves {@code CAMSTREAM_MEDIAMTX_API_URL}, a template with {@code {name}} and {@code {namespace}}, for one
 * CameraStream. The default reaches the in-cluster Service; a developer running the operator on a laptop points it at
 * a port-forward.
 */
public final class MediaMtxApiUrl {
  public static final String DEFAULT_TEMPLATE = "http://{name}-mediamtx-internal.{namespace}.svc:9997";

  private MediaMtxApiUrl() {
  }

  public static URI resolve(String template, String name, String namespace) {
    String effective = template == null || template.isBlank() ? DEFAULT_TEMPLATE : template.strip();
    String resolved = effective.replace("{name}", name).replace("{namespace}", namespace);
    URI uri;
    try {
      uri = new URI(resolved);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("CAMSTREAM_MEDIAMTX_API_URL " + effective + " is not a valid URL template: "
          + e.getReason());
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("CAMSTREAM_MEDIAMTX_API_URL " + effective
          + " must be an http:// or https:// URL with a host, e.g. " + DEFAULT_TEMPLATE);
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("CAMSTREAM_MEDIAMTX_API_URL must not carry credentials; the operator reads "
          + "them from the <name>-mediamtx-credentials Secret");
    }
    return uri;
  }
}
