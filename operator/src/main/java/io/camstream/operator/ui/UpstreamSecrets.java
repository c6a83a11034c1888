package io.camstream.operator.ui;

import java.util.Optional;

/**
 * What the wall shows MediaMTX so that it serves the wall's proxy: the CameraStream's {@code hlsCDNSecret}, sent as
 * {@code Authorization: Bearer}. It never leaves the operator: not to a browser, a log or an Event.
 */
interface UpstreamSecrets {
  UpstreamSecrets NONE = (namespace, name) -> Optional.empty();

  Optional<String> hlsCdnSecret(String namespace, String name);

  /** MediaMTX did not accept the secret known for this CameraStream (a Secret recreated, say): read it again. */
  default void rejected(String namespace, String name) {
  }
}
