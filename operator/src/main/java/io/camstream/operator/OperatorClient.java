package io.camstream.operator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;

/**
 * How the operator reads the cluster, built so that its informer caches hold what it uses and no more, and hold it
 * a page at a time while they fill: at 10,000 cameras the caches are most of the heap, on the leader and on the
 * standby replica alike (JOSDK starts every informer on a standby too).
 *
 * <ul>
 *   <li>{@code metadata.managedFields} are never read: the API server writes kilobytes of them on every object
 *       (one entry per field manager: the operator's, the Deployment controller's...) and the operator never uses
 *       them. Dropped while the JSON is read, they are never allocated, neither in the caches nor in the events
 *       queued while an informer starts. A write without them leaves the stored ones as they are (the API server
 *       keeps the live entries when a request has none), so nothing is lost for other clients.</li>
 *   <li>Lists are read in pages of {@value #LIST_PAGE_SIZE} ({@code limit}/{@code continue}), as client-go's
 *       reflectors do: an informer starting on 11,000 Deployments never holds one 60 MB answer.</li>
 * </ul>
 *
 * JOSDK's own alternative, an informer item store that transforms what it keeps (InformerConfiguration's
 * {@code itemStore}, e.g. its {@code TransformingItemStore}), still allocates every object whole, passes it whole
 * to the event queue, and is one instance shared by the informers of all watched namespaces, whose relists then
 * evict each other's objects.
 */
public final class OperatorClient {
  /** Items per list request of every informer; client-go's default chunk size. */
  public static final long LIST_PAGE_SIZE = 500;
  /**
   * Who the operator is to the API server: the field manager of what it writes ({@code kubectl get
   * --show-managed-fields}) and the user agent in audit logs, instead of the client library's name.
   */
  public static final String USER_AGENT = "camstream-operator";

  private OperatorClient() {
  }

  /** The operator's Kubernetes client for {@code config}: JDK HTTP client, managedFields never read. */
  public static KubernetesClient build(Config config) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(config).withUserAgent(USER_AGENT).build())
        .withHttpClientFactory(new JdkHttpClientFactory()).withKubernetesSerialization(serialization()).build();
  }

  /**
   * Fabric8's serialization of Kubernetes objects, but reading and writing no {@code metadata.managedFields}, and
   * keeping one copy of each string value read.
   */
  public static KubernetesSerialization serialization() {
    ObjectMapper mapper = new ObjectMapper().addMixIn(ObjectMeta.class, WithoutManagedFields.class)
        .registerModule(new SimpleModule("camstream-shared-strings").addDeserializer(String.class,
            new SharedStrings()));
    return new KubernetesSerialization(mapper, true);
  }

  @JsonIgnoreProperties({"managedFields"})
  private interface WithoutManagedFields {
  }

  /**
   * String values as Jackson reads them, but each distinct value kept once ({@link String#intern}; the JVM's string
   * table holds them weakly, so a value no cached object uses any more is collected). 11,000 streamer Deployments
   * repeat the same label keys and values, images, environment variable names, probe paths and quantities: read
   * one by one they were a third of the heap at 10,000 cameras.
   */
  private static final class SharedStrings extends StdScalarDeserializer<String> {
    SharedStrings() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String value = StringDeserializer.instance.deserialize(parser, context);
      return value == null ? null : value.intern();
    }
  }
}
