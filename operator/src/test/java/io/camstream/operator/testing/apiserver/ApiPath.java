package io.camstream.operator.testing.apiserver;

/**
 * A request path of the Kubernetes API, taken apart: {@code /api/v1/namespaces/NS/PLURAL/NAME/SUBRESOURCE} or
 * {@code /apis/GROUP/VERSION/...}; cluster-scoped paths have no namespace part.
 *
 * @param group empty for the core group
 * @param namespace null when cluster-scoped or a list across namespaces
 * @param name null for a collection
 * @param subresource null, or e.g. {@code status}
 */
public record ApiPath(String group, String version, String namespace, String plural, String name,
    String subresource, String query) {

  public static ApiPath parse(String pathAndQuery) {
    String path = pathAndQuery;
    String query = "";
    int q = pathAndQuery.indexOf('?');
    if (q >= 0) {
      path = pathAndQuery.substring(0, q);
      query = pathAndQuery.substring(q + 1);
    }
    String[] parts = path.replaceAll("^/+", "").split("/");
    int i;
    String group;
    if (parts.length >= 2 && parts[0].equals("api")) {
      group = "";
      i = 1;
    } else if (parts.length >= 3 && parts[0].equals("apis")) {
      group = parts[1];
      i = 2;
    } else {
      return new ApiPath("", "", null, path, null, null, query);
    }
    String version = parts[i++];
    String namespace = null;
    if (parts.length > i + 2 && parts[i].equals("namespaces")) {
      namespace = parts[i + 1];
      i += 2;
    }
    String plural = i < parts.length ? parts[i++] : "";
    String name = i < parts.length ? parts[i++] : null;
    String subresource = i < parts.length ? parts[i] : null;
    return new ApiPath(group, version, namespace, plural, name, subresource, query);
  }

  /** A query parameter, URL-decoded; null when absent. */
  public String parameter(String name) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (java.net.URLDecoder.decode(key, java.nio.charset.StandardCharsets.UTF_8).equals(name)) {
        return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** The store's name for the resource: {@code deployments.apps}, {@code secrets}. */
  public String storeKey() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  public boolean isStatus() {
    return "status".equals(subresource);
  }

  public boolean isWatch() {
    String watch = parameter("watch");
    return "true".equals(watch) || "1".equals(watch);
  }

  /** The resource as RBAC names it: {@code deployments}, {@code camerastreams/status}. */
  public String resource() {
    return subresource == null ? plural : plural + "/" + subresource;
  }
}
