package io.camstream.operator.ui;

import io.camstream.operator.desired.CredentialKeys;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.ResourceNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each CameraStream's {@code hlsCDNSecret}, read from the Secret {@code <name>-mediamtx-credentials} the operator
 * generated, on any replica (the wall serves from followers too). Read when a tile first asks and then every
 * {@link #TTL}; sooner when MediaMTX refuses it; a missing Secret (a CameraStream just created) is asked again
 * after {@link #MISSING_TTL}. Only the key's presence is ever logged.
 */
final class CredentialsSecretCdnSecrets implements UpstreamSecrets {
  static final Duration TTL = Duration.ofMinutes(5);
  static final Duration MISSING_TTL = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(CredentialsSecretCdnSecrets.class);

  private record Known(Optional<String> secret, Instant expires) {
  }

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Known> known = new ConcurrentHashMap<>();

  CredentialsSecretCdnSecrets(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public Optional<String> hlsCdnSecret(String namespace, String name) {
    String key = namespace + "/" + name;
    Instant now = clock.instant();
    Known cached = known.get(key);
    if (cached != null && now.isBefore(cached.expires())) {
      return cached.secret();
    }
    Optional<String> secret = read(namespace, name);
    known.put(key, new Known(secret, now.plus(secret.isPresent() ? TTL : MISSING_TTL)));
    return secret;
  }

  @Override
  public void rejected(String namespace, String name) {
    known.remove(namespace + "/" + name);
  }

  private Optional<String> read(String namespace, String name) {
    try {
      Secret secret = client.secrets().inNamespace(namespace).withName(ResourceNames.credentialsSecret(name)).get();
      Optional<String> value = Optional.ofNullable(MediaMtxCredentials.decode(secret)
          .get(CredentialKeys.HLS_CDN_SECRET)).filter(v -> !v.isBlank());
      if (value.isEmpty()) {
        log.debug("camera wall: {}/{} has no {} in {} yet", namespace, name, CredentialKeys.HLS_CDN_SECRET,
            ResourceNames.credentialsSecret(name));
      }
      return value;
    } catch (RuntimeException e) {
      log.warn("camera wall: cannot read {}/{}: {}", namespace, ResourceNames.credentialsSecret(name),
          e.getClass().getSimpleName());
      return Optional.empty();
    }
  }
}
