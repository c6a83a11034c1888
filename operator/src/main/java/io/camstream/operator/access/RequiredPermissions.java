package io.camstream.operator.access;

import java.util.ArrayList;
import java.util.List;

/**
 * What the operator's informers need before they can start: {@code list} and {@code watch} of every resource it
 * caches, in each watched namespace (or across all of them), and of Nodes at the cluster scope when it reads their
 * addresses. An informer that may not list fails to start, and JOSDK stops the whole operator with it; these are
 * checked first instead.
 */
public final class RequiredPermissions {
  /** group/resource of everything a CameraStream's reconcile caches: the CameraStreams and what they own. */
  static final List<String[]> NAMESPACED = List.of(
      new String[] {"camstream.io", "camerastreams"},
      new String[] {"apps", "deployments"},
      new String[] {"", "services"},
      new String[] {"", "secrets"},
      new String[] {"", "configmaps"},
      new String[] {"", "persistentvolumeclaims"},
      new String[] {"networking.k8s.io", "networkpolicies"});
  private static final List<String> INFORMER_VERBS = List.of("list", "watch");

  private RequiredPermissions() {
  }

  /** @param namespace null for every namespace (an operator watching all of them) */
  public static List<Permission> inNamespace(String namespace) {
    List<Permission> needed = new ArrayList<>();
    for (String[] resource : NAMESPACED) {
      for (String verb : INFORMER_VERBS) {
        needed.add(new Permission(verb, resource[0], resource[1], namespace));
      }
    }
    return needed;
  }

  /** The nodes' addresses, for {@code webrtcAnnounceNodeAddresses}. */
  public static List<Permission> nodes() {
    return INFORMER_VERBS.stream().map(verb -> new Permission(verb, "", "nodes", null)).toList();
  }
}
