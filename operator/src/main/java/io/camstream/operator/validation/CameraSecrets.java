package io.camstream.operator.validation;

import io.camstream.operator.desired.CameraCredentials;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the cameras' Secrets allow this reconcile: the credentials of every camera whose Secret is usable, and the
 * problem of every camera whose Secret is not. A camera with a problem is held: its streamer is neither created nor
 * changed (a running one keeps running) until its Secret is fixed, while the other cameras reconcile as usual.
 *
 * @param credentials by camera name, for cameras with a usable {@code credentialsSecretRef}
 * @param problems by camera name, in spec order: SecretNotFound, SecretNotLabelled or SecretKeyNotFound
 */
public record CameraSecrets(Map<String, CameraCredentials> credentials, Map<String, SpecProblem> problems) {

  public CameraSecrets {
    credentials = Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
    problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
  }

  public static CameraSecrets none() {
    return new CameraSecrets(Map.of(), Map.of());
  }

  public boolean held(String camera) {
    return problems.containsKey(camera);
  }
}
