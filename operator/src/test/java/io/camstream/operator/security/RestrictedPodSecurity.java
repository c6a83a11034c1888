package io.camstream.operator.security;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Kubernetes "restricted" Pod Security Standard (baseline + restricted controls, as the PodSecurity
 * admission plugin checks them), plus camstream's own rule: a read-only root filesystem. Returns every
 * violation as "control: where".
 */
final class RestrictedPodSecurity {
  private static final Set<String> RESTRICTED_VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
      "ephemeral", "persistentVolumeClaim", "projected", "secret");
  private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
      "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
      "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
      "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");

  private RestrictedPodSecurity() {
  }

  static List<String> violations(PodSpec pod) {
    List<String> violations = new ArrayList<>();
    PodSecurityContext podContext = pod.getSecurityContext();
    if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
        || Boolean.TRUE.equals(pod.getHostIPC())) {
      violations.add("hostNamespaces: pod");
    }
    for (Volume volume : nullSafe(pod.getVolumes())) {
      String type = volumeType(volume);
      if (!RESTRICTED_VOLUME_TYPES.contains(type)) {
        violations.add("volumeTypes: " + volume.getName() + " is " + type);
      }
    }
    if (podContext != null && podContext.getSysctls() != null) {
      podContext.getSysctls().stream().filter(s -> !SAFE_SYSCTLS.contains(s.getName()))
          .forEach(s -> violations.add("sysctls: " + s.getName()));
    }
    boolean podNonRoot = podContext != null && Boolean.TRUE.equals(podContext.getRunAsNonRoot());
    boolean podRootUser = podContext != null && Long.valueOf(0).equals(podContext.getRunAsUser());
    String podSeccomp = podContext == null || podContext.getSeccompProfile() == null ? null
        : podContext.getSeccompProfile().getType();
    if (podRootUser) {
      violations.add("runAsUser: pod runs as 0");
    }
    if ("Unconfined".equals(podSeccomp)) {
      violations.add("seccompProfile: pod is Unconfined");
    }
    List<Container> containers = Stream.concat(nullSafe(pod.getInitContainers()).stream(),
        nullSafe(pod.getContainers()).stream()).toList();
    for (Container container : containers) {
      String where = "container " + container.getName();
      SecurityContext sc = container.getSecurityContext();
      if (sc == null) {
        violations.add("securityContext: " + where + " has none");
        continue;
      }
      if (Boolean.TRUE.equals(sc.getPrivileged())) {
        violations.add("privileged: " + where);
      }
      if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
        violations.add("allowPrivilegeEscalation: " + where + " must be false");
      }
      boolean nonRoot = Boolean.TRUE.equals(sc.getRunAsNonRoot())
          || (sc.getRunAsNonRoot() == null && podNonRoot);
      if (!nonRoot) {
        violations.add("runAsNonRoot: " + where + " must be true");
      }
      if (Long.valueOf(0).equals(sc.getRunAsUser())) {
        violations.add("runAsUser: " + where + " runs as 0");
      }
      String seccomp = sc.getSeccompProfile() == null ? podSeccomp : sc.getSeccompProfile().getType();
      if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
        violations.add("seccompProfile: " + where + " must be RuntimeDefault or Localhost, is " + seccomp);
      }
      Capabilities caps = sc.getCapabilities();
      if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
        violations.add("capabilities: " + where + " must drop ALL");
      }
      if (caps != null && caps.getAdd() != null
          && caps.getAdd().stream().anyMatch(c -> !c.equals("NET_BIND_SERVICE"))) {
        violations.add("capabilities: " + where + " adds " + caps.getAdd());
      }
      if (sc.getProcMount() != null && !"Default".equals(sc.getProcMount())) {
        violations.add("procMount: " + where);
      }
      if (sc.getSeLinuxOptions() != null && sc.getSeLinuxOptions().getType() != null
          && !Set.of("container_t", "container_init_t", "container_kvm_t", "container_engine_t")
              .contains(sc.getSeLinuxOptions().getType())) {
        violations.add("seLinuxOptions: " + where);
      }
      if (nullSafe(container.getPorts()).stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() != 0)) {
        violations.add("hostPorts: " + where);
      }
      if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
        violations.add("readOnlyRootFilesystem (camstream): " + where + " must be true");
      }
    }
    return violations;
  }

  @SuppressWarnings("unchecked")
  private static String volumeType(Volume volume) {
    Map<String, Object> fields = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
        .convertValue(volume, Map.class);
    return fields.keySet().stream().filter(k -> !k.equals("name")).findFirst().orElse("none");
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
