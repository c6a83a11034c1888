package io.camstream.operator.desired;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.List;

/**
 * The "restricted" Pod Security Standard, applied to every pod the operator generates: non-root with a fixed
 * UID (the MediaMTX image declares no user), read-only root filesystem (writable paths are emptyDirs), no
 * capabilities, no privilege escalation, the runtime's default seccomp profile.
 */
public final class PodSecurity {
  /** The user camstream's own images run as (see the Dockerfiles); MediaMTX's image declares none. */
  public static final long USER_ID = 10001L;

  private PodSecurity() {
  }

  public static PodSecurityContext podSecurityContext() {
    return podSecurityContext(List.of());
  }

  /**
   * @param supplementalGroups extra groups of every process in the pod, e.g. the one owning a device node; none
   *     leaves the field out
   */
  public static PodSecurityContext podSecurityContext(List<Long> supplementalGroups) {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(USER_ID)
        .withRunAsGroup(USER_ID)
        .withFsGroup(USER_ID)
        .withSupplementalGroups(supplementalGroups.isEmpty() ? null : List.copyOf(supplementalGroups))
        .withSeccompProfile(new SeccompProfileBuilder().withType("RuntimeDefault").build())
        .build();
  }

  public static SecurityContext containerSecurityContext() {
    Capabilities dropAll = new CapabilitiesBuilder().addToDrop("ALL").build();
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(USER_ID)
        .withRunAsGroup(USER_ID)
        .withAllowPrivilegeEscalation(false)
        .withPrivileged(false)
        .withReadOnlyRootFilesystem(true)
        .withCapabilities(dropAll)
        .withSeccompProfile(new SeccompProfileBuilder().withType("RuntimeDefault").build())
        .build();
  }
}
