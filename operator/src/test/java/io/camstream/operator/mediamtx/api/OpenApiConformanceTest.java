package io.camstream.operator.mediamtx.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camstream.operator.testing.MediaMtxReference;
import io.camstream.operator.mediamtx.fake.FakeMediaMtxApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client and the fake must speak MediaMTX v1.20.1's API as its openapi.yaml defines it: every property the client
 * reads exists in the schema of that object and is not deprecated, and the fake sends exactly the spec's properties.
 */
class OpenApiConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode spec;

  /** The client's DTOs and the schema each one reads. */
  private static final Map<Class<?>, String> DTO_SCHEMAS = Map.of(
      PathList.class, "PathList",
      Path.class, "Path",
      PathReader.class, "PathReader",
      PathTrack.class, "PathTrack",
      PathTrackCodecProps.class, "PathTrackCodecProps",
      PathSource.class, "PathSource",
      ApiError.class, "Error");

  @BeforeAll
  static void readSpec() throws Exception {
    spec = new ObjectMapper(new YAMLFactory()).readTree(MediaMtxReference.openApiFile().toFile());
  }

  @Test
  void everyPropertyTheClientReadsIsInTheSpec() {
    DTO_SCHEMAS.forEach((dto, schema) -> assertThat(readProperties(dto))
        .as("properties of %s read from schema %s", dto.getSimpleName(), schema)
        .isNotEmpty()
        .isSubsetOf(schemaProperties(schema).keySet()));
  }

  @Test
  void theClientReadsNoDeprecatedProperty() {
    DTO_SCHEMAS.forEach((dto, schema) -> {
      Map<String, JsonNode> properties = schemaProperties(schema);
      for (String property : readProperties(dto)) {
        assertThat(properties.get(property).path("deprecated").asBoolean(false))
            .as("%s.%s is deprecated in the spec", schema, property).isFalse();
      }
    });
    assertThat(readProperties(Path.class)).contains("online", "onlineTime", "available", "inboundBytes", "readers",
        "tracks2").doesNotContain("ready", "bytesReceived", "tracks");
  }

  @Test
  void codecPropsWidthAndHeightComeFromTheVideoCodecSchemas() {
    for (String codec : new String[] {"PathTrackCodecPropsH264", "PathTrackCodecPropsH265",
        "PathTrackCodecPropsAV1"}) {
      assertThat(schemaProperties(codec)).containsKeys("width", "height");
    }
    Set<String> specCodecs = new TreeSet<>();
    spec.at("/components/schemas/PathTrackCodec/enum").forEach(value -> specCodecs.add(value.asText()));
    assertThat(specCodecs).contains("H264", "H265", "AV1", "VP9", "VP8", "M-JPEG");
  }

  @Test
  void theListEndpointAndItsPaginationParametersExist() {
    JsonNode list = spec.at("/paths/~1v3~1paths~1list/get");
    assertThat(list.isMissingNode()).as("GET /v3/paths/list in the spec").isFalse();
    Set<String> parameters = new TreeSet<>();
    list.path("parameters").forEach(p -> parameters.add(p.path("name").asText()));
    assertThat(parameters).containsExactlyInAnyOrder("page", "itemsPerPage");
    assertThat(list.at("/responses/200/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/PathList");
    assertThat(MediaMtxApiClient.pageUri(URI.create("http://x:9997"), 0).getQuery())
        .isEqualTo("page=0&itemsPerPage=100");
    assertThat(spec.at("/paths/~1v3~1paths~1get~1{name}/get/responses/404").isMissingNode()).isFalse();
  }

  @Test
  void theFakeSendsExactlyTheSpecsProperties() throws Exception {
    try (FakeMediaMtxApi api = FakeMediaMtxApi.start("op", "pw")) {
      api.publish("lobby");
      api.readers("lobby", 1);
      api.alwaysAvailable("dock");
      HttpClient http = HttpClient.newHttpClient();
      String auth = "Basic " + Base64.getEncoder().encodeToString("op:pw".getBytes(StandardCharsets.UTF_8));

      JsonNode list = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(api.baseUri() + "/v3/paths/list"))
          .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()).body());
      assertThat(fieldNames(list)).isEqualTo(schemaProperties("PathList").keySet());
      for (JsonNode path : list.path("items")) {
        assertThat(fieldNames(path)).isEqualTo(schemaProperties("Path").keySet());
        for (JsonNode reader : path.path("readers")) {
          assertThat(fieldNames(reader)).isEqualTo(schemaProperties("PathReader").keySet());
        }
        for (JsonNode track : path.path("tracks2")) {
          assertThat(fieldNames(track)).isEqualTo(schemaProperties("PathTrack").keySet());
          assertThat(fieldNames(track.path("codecProps"))).isEqualTo(schemaProperties("PathTrackCodecPropsH264")
              .keySet());
        }
        assertThat(fieldNames(path.path("source")).isEmpty()
            || fieldNames(path.path("source")).equals(schemaProperties("PathSource").keySet())).isTrue();
      }

      HttpResponse<String> unauthorized = http.send(HttpRequest.newBuilder(
          URI.create(api.baseUri() + "/v3/paths/list")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(unauthorized.statusCode()).isEqualTo(401);
      assertThat(fieldNames(JSON.readTree(unauthorized.body()))).isEqualTo(schemaProperties("Error").keySet());

      HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
          URI.create(api.baseUri() + "/v3/paths/get/nope")).header("Authorization", auth).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(fieldNames(JSON.readTree(missing.body()))).isEqualTo(schemaProperties("Error").keySet());
    }
  }

  /** Every configuration endpoint the operator calls exists with that method, body schema and answers. */
  @Test
  void theConfigurationEndpointsTheOperatorCallsAreTheSpecs() {
    Map<String, String> calls = Map.of(
        "/v3/config/paths/list", "get",
        "/v3/config/paths/add/{name}", "post",
        "/v3/config/paths/replace/{name}", "post",
        "/v3/config/paths/delete/{name}", "delete",
        "/v3/config/global/patch", "patch");
    calls.forEach((path, method) -> {
      JsonNode operation = spec.path("paths").path(path).path(method);
      assertThat(operation.isMissingNode()).as("%s %s in the spec", method, path).isFalse();
      assertThat(operation.at("/responses/200").isMissingNode()).isFalse();
    });
    assertThat(spec.at("/paths/~1v3~1config~1paths~1add~1{name}/post/requestBody/content/application~1json/schema/$ref")
        .asText()).isEqualTo("#/components/schemas/PathConf");
    assertThat(spec.at("/paths/~1v3~1config~1global~1patch/patch/requestBody/content/application~1json/schema/$ref")
        .asText()).isEqualTo("#/components/schemas/GlobalConf");
    assertThat(schemaProperties("GlobalConf")).containsKey("authInternalUsers");
    assertThat(schemaProperties("AuthInternalUser").keySet()).containsExactlyInAnyOrder("user", "pass", "ips",
        "permissions");
  }

  /** What the operator sends: only PathConf and AuthInternalUser fields, and only values the fake (MediaMTX) takes. */
  @Test
  void theOperatorsPayloadsUseOnlyTheSpecsFieldsAndTheFakeTakesThem() throws Exception {
    var site = io.camstream.operator.testing.CameraStreams.of("ns", "site",
        io.camstream.operator.testing.CameraStreams.testPattern("lobby"));
    var credentials = new io.camstream.operator.desired.MediaMtxCredentials(
        new io.camstream.operator.desired.MediaMtxCredentials.User("camstream-publisher", "publisherPassword01"),
        new io.camstream.operator.desired.MediaMtxCredentials.User("camstream-api", "apiPassword0123456"),
        java.util.Optional.empty());
    Map<String, Object> path = io.camstream.operator.desired.MediaMtxPathConfig.all(site, Map.of())
        .get("lobby");
    assertThat(path.keySet()).isSubsetOf(schemaProperties("PathConf").keySet());
    var users = io.camstream.operator.desired.MediaMtxConfigBuilder.authInternalUsers(site, credentials);
    for (Map<String, Object> user : users) {
      assertThat(user.keySet()).isSubsetOf(schemaProperties("AuthInternalUser").keySet());
    }
    try (FakeMediaMtxApi api = FakeMediaMtxApi.start("camstream-api", "apiPassword0123456")) {
      MediaMtxConfigClient client = new MediaMtxConfigClient();
      ApiCredentials operator = new ApiCredentials("camstream-api", "apiPassword0123456");
      assertThat(client.addPath(api.baseUri(), operator, "lobby", path).done()).isTrue();
      assertThat(client.addPath(api.baseUri(), operator, "lobby", path).status()).as("exists").isEqualTo(400);
      assertThat(client.replacePath(api.baseUri(), operator, "lobby", path).done()).isTrue();
      assertThat(client.addPath(api.baseUri(), operator, "bad", Map.of("sourceProtocl", "tcp")).detail())
          .contains("unknown field");
      assertThat(client.patchGlobal(api.baseUri(), operator, Map.of("authInternalUsers", users)).done()).isTrue();

      MediaMtxConfigClient.ConfigPaths listed = client.listPaths(api.baseUri(), operator);
      assertThat(listed.paths()).containsOnlyKeys("lobby");
      // every current PathConf key; the deprecated ones are omitted while unset, as MediaMTX does
      Set<String> current = new TreeSet<>();
      schemaProperties("PathConf").forEach((name, property) -> {
        if (!property.path("deprecated").asBoolean(false)) {
          current.add(name);
        }
      });
      assertThat(fieldNames(listed.paths().get("lobby"))).isEqualTo(current);
      assertThat(client.deletePath(api.baseUri(), operator, "lobby").done()).isTrue();
      assertThat(client.listPaths(api.baseUri(), operator).paths()).isEmpty();
      assertThat(client.listPaths(api.baseUri(), new ApiCredentials("camstream-api", "wrong")).outcome().kind())
          .isEqualTo(MediaMtxConfigClient.Outcome.Kind.UNAUTHORIZED);
    }
  }

  private static Set<String> readProperties(Class<?> dto) {
    BeanDescription description = JSON.getDeserializationConfig().introspect(JSON.constructType(dto));
    Set<String> names = new TreeSet<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      if (property.couldDeserialize()) {
        names.add(property.getName());
      }
    }
    return names;
  }

  /** A schema's properties, following allOf/oneOf/anyOf references (a oneOf yields the union). */
  private static Map<String, JsonNode> schemaProperties(String schema) {
    JsonNode node = spec.at("/components/schemas/" + schema);
    assertThat(node.isMissingNode()).as("schema %s in openapi.yaml", schema).isFalse();
    Map<String, JsonNode> properties = new java.util.TreeMap<>();
    collect(node, properties);
    return properties;
  }

  private static void collect(JsonNode node, Map<String, JsonNode> into) {
    if (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      collect(spec.at(ref.substring(1)), into);
    }
    node.path("properties").fields().forEachRemaining(e -> into.putIfAbsent(e.getKey(), e.getValue()));
    for (String combinator : new String[] {"allOf", "oneOf", "anyOf"}) {
      node.path(combinator).forEach(member -> collect(member, into));
    }
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

}
