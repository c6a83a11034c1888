package io.camstream.operator.webrtc;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.IceServerSpec;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.validation.SpecProblem;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code spec.mediamtx.iceServers} with the TURN credentials read from their Secrets, which follow the camera
 * Secrets' rule: opted in by the label {@code camstream.io/camera-credentials=true}, read from the operator's cache
 * of such Secrets. Every Secret is checked before anything is written: each missing, unlabelled or incomplete Secret
 * is a problem naming the field that stops the reconcile, so MediaMTX never gets a half-configured TURN server, and
 * no message carries a value.
 */
public final class IceServers {
  private IceServers() {
  }

  /** The outcome: every server resolved, or every server's problem, in spec order (then {@code servers} is empty). */
  public record Resolution(List<IceServer> servers, List<SpecProblem> problems) {
    public Resolution {
      problems = List.copyOf(problems);
      servers = problems.isEmpty() ? List.copyOf(servers) : List.of();
    }
  }

  public static List<IceServerSpec> specs(CameraStream cameraStream) {
    if (cameraStream.getSpec() == null) {
      return List.of();
    }
    MediaMtxSpec mediamtx = cameraStream.getSpec().getMediamtx();
    return mediamtx == null || mediamtx.getIceServers() == null ? List.of() : mediamtx.getIceServers();
  }

  /** The Secrets the ICE servers name, in spec order, without duplicates. */
  public static List<String> secretNames(CameraStream cameraStream) {
    return specs(cameraStream).stream().filter(Objects::nonNull).map(IceServerSpec::getCredentialsSecretRef)
        .filter(ref -> ref != null && ref.getName() != null).map(SecretCredentialsRef::getName).distinct().toList();
  }

  /**
   * @param labelled a labelled Secret of the CameraStream's namespace by name, from the informer cache
   * @param anySecret a Secret of that namespace by name whatever its labels, asked only for one missing from the
   *     cache, to tell an unlabelled Secret from a missing one
   */
  public static Resolution resolve(CameraStream cameraStream, Function<String, Optional<Secret>> labelled,
      Function<String, Optional<Secret>> anySecret) {
    List<IceServerSpec> specs = specs(cameraStream);
    Map<String, Optional<Secret>> read = new HashMap<>();
    List<IceServer> servers = new ArrayList<>();
    List<SpecProblem> problems = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      IceServerSpec spec = specs.get(i);
      boolean clientOnly = Boolean.TRUE.equals(spec.getClientOnly());
      SecretCredentialsRef ref = spec.getCredentialsSecretRef();
      if (ref == null) {
        servers.add(IceServer.stun(spec.getUrl(), clientOnly));
        continue;
      }
      String field = "spec.mediamtx.iceServers[" + i + "].credentialsSecretRef";
      Optional<Secret> secret = read.computeIfAbsent(ref.getName(), labelled);
      if (secret.isEmpty()) {
        problems.add(notUsable(cameraStream, field, ref, anySecret));
        continue;
      }
      Map<String, String> data = MediaMtxCredentials.decode(secret.get());
      String usernameKey = keyOrDefault(ref.getUsernameKey(), SecretCredentialsRef.DEFAULT_USERNAME_KEY);
      String passwordKey = keyOrDefault(ref.getPasswordKey(), SecretCredentialsRef.DEFAULT_PASSWORD_KEY);
      if (!data.containsKey(usernameKey)) {
        problems.add(missingKey(field + ".usernameKey", ref.getName(), usernameKey));
        continue;
      }
      if (!data.containsKey(passwordKey)) {
        problems.add(missingKey(field + ".passwordKey", ref.getName(), passwordKey));
        continue;
      }
      String username = data.get(usernameKey);
      String password = data.get(passwordKey);
      // TURN servers refuse empty credentials, and so does MediaMTX's ICE library at every session.
      if (username.isEmpty() || password.isEmpty()) {
        String key = username.isEmpty() ? "usernameKey" : "passwordKey";
        problems.add(new SpecProblem(SpecProblem.INVALID_CREDENTIALS, field + "." + key + ": Secret \""
            + ref.getName() + "\" has an empty \"" + (username.isEmpty() ? usernameKey : passwordKey)
            + "\"; a TURN server needs a username and a password"));
        continue;
      }
      servers.add(IceServer.turn(spec.getUrl(), username, password, clientOnly));
    }
    return new Resolution(servers, problems);
  }

  /** A Secret missing from the cache of labelled ones: not opted in, or not there at all. */
  private static SpecProblem notUsable(CameraStream cameraStream, String field, SecretCredentialsRef ref,
      Function<String, Optional<Secret>> anySecret) {
    String namespace = cameraStream.getMetadata().getNamespace();
    return anySecret.apply(ref.getName()).isPresent()
        ? new SpecProblem(SpecProblem.SECRET_NOT_LABELLED, field + ".name: Secret \"" + ref.getName()
            + "\" is not opted in to camstream; run: kubectl label secret " + ref.getName() + " -n " + namespace
            + " " + Labels.CAMERA_CREDENTIALS + "=true")
        : new SpecProblem(SpecProblem.SECRET_NOT_FOUND, field + ".name: Secret \"" + ref.getName()
            + "\" not found in namespace " + namespace);
  }

  private static SpecProblem missingKey(String field, String secret, String key) {
    return new SpecProblem(SpecProblem.SECRET_KEY_NOT_FOUND,
        field + ": Secret \"" + secret + "\" has no key \"" + key + "\"");
  }

  private static String keyOrDefault(String key, String defaultKey) {
    return key == null || key.isEmpty() ? defaultKey : key;
  }
}
