package io.camstream.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camstream.operator.testing.apiserver.Authorizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the operator may do, as the Roles and ClusterRoles shipped in {@code k8s/operator} grant it, for the test API
 * server's admission plugins that ask an authorizer ({@code OwnerReferencesPermissionEnforcement}). Requests of the
 * test's own client ({@value OperatorTestHarness#TEST_USER_AGENT}, a cluster admin) are always allowed.
 */
public final class OperatorRbac implements Authorizer {
  /** "group/resource" → verbs. */
  private final Set<String> grants;

  private OperatorRbac(Set<String> grants) {
    this.grants = grants;
  }

  /** The rules of every Role and ClusterRole in {@code k8s/operator}. */
  public static OperatorRbac shipped() {
    Set<String> grants = new HashSet<>();
    Path operator = RepositoryRoot.find().resolve("k8s/operator");
    try (Stream<Path> files = Files.list(operator)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
          var documents = new ObjectMapper().readValues(parser, JsonNode.class);
          while (documents.hasNext()) {
            JsonNode document = documents.next();
            if (List.of("Role", "ClusterRole").contains(document.path("kind").asText())) {
              document.path("rules").forEach(rule -> rule.path("apiGroups").forEach(group ->
                  rule.path("resources").forEach(resource -> rule.path("verbs").forEach(verb ->
                      grants.add(group.asText() + "/" + resource.asText() + ":" + verb.asText())))));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new OperatorRbac(Set.copyOf(grants));
  }

  @Override
  public boolean allows(String userAgent, String verb, String group, String resource, String namespace) {
    if (userAgent != null && userAgent.contains(OperatorTestHarness.TEST_USER_AGENT)) {
      return true;
    }
    return grants.contains(group + "/" + resource + ":" + verb) || grants.contains(group + "/" + resource + ":*");
  }
}
