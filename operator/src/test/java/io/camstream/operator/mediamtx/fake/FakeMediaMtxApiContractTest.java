package io.camstream.operator.mediamtx.fake;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.MediaMtxConfigBuilder;
import io.camstream.operator.desired.MediaMtxPathConfig;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.mediamtx.api.ApiCredentials;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.mediamtx.ChildProcesses;
import io.camstream.operator.testing.mediamtx.RealMediaMtx;
import io.camstream.operator.testing.mediamtx.TestPublisher;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link FakeMediaMtxApi} stands in for MediaMTX only where the real server cannot be made to fail on cue (down,
 * slow, 401, 500). This holds it to the real thing: the same requests, in the same order, go to MediaMTX v1.20.1
 * and to the fake, both running the operator's configuration with a publisher on one path, and every answer must
 * have the same status code and the same JSON field names (at every depth) — for every route and case the fake
 * fakes, its errors included.
 */
class FakeMediaMtxApiContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final RealMediaMtx mediaMtx = RealMediaMtx.onFreePorts();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One request of the contract; {@code credentials} null for none. */
  private record Call(String what, String method, String path, String body, ApiCredentials credentials) {
  }

  @Test
  void theFakeAnswersEveryRequestItFakesWithTheRealStatusAndFields() throws Exception {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("gate"), testPattern("lobby"),
        CameraStreams.pulled("door", "rtsp://127.0.0.1:9/camera"));
    // recording adds the path of removed cameras' recordings: a regular expression, configured but never listed
    site.getSpec().setRecording(CameraStreams.recording("1Gi", ReclaimPolicy.RETAIN));
    DesiredState desired = DesiredState.of(site, OperatorDefaults.standard(), Map.of(),
        PasswordGenerator.secureRandom());
    String removedCameras = URLEncoder.encode(MediaMtxPathConfig.REMOVED_CAMERAS, StandardCharsets.UTF_8);
    ApiCredentials api = new ApiCredentials(desired.credentials().api().username(),
        desired.credentials().api().password());
    mediaMtx.start(desired);
    String users = JSON.writeValueAsString(Map.of("authInternalUsers", MediaMtxConfigBuilder.authInternalUsers(
        site, desired.credentials())));
    Call unknownPath = new Call("an unknown path", "GET", "/v3/paths/get/nope", null, api);
    List<Call> calls = List.of(
        new Call("paths list", "GET", "/v3/paths/list", null, api),
        new Call("one item per page", "GET", "/v3/paths/list?page=1&itemsPerPage=1", null, api),
        new Call("a page past the end", "GET", "/v3/paths/list?page=7", null, api),
        new Call("zero items per page", "GET", "/v3/paths/list?itemsPerPage=0", null, api),
        new Call("a page that is not a number", "GET", "/v3/paths/list?page=x", null, api),
        new Call("a publishing path with a reader", "GET", "/v3/paths/get/lobby", null, api),
        new Call("a configured path without publisher", "GET", "/v3/paths/get/gate", null, api),
        new Call("a pulled path whose camera is down", "GET", "/v3/paths/get/door", null, api),
        new Call("the removed cameras' path is no path", "GET", "/v3/paths/get/" + removedCameras, null, api),
        unknownPath,
        new Call("no credentials", "GET", "/v3/paths/list", null, null),
        new Call("wrong credentials", "GET", "/v3/paths/list", null, new ApiCredentials(api.username(), "wrong")),
        new Call("an unknown route", "GET", "/v3/nope", null, api),
        new Call("configured paths", "GET", "/v3/config/paths/list", null, api),
        new Call("a configured path", "GET", "/v3/config/paths/get/gate", null, api),
        new Call("a pulled path's configuration", "GET", "/v3/config/paths/get/door", null, api),
        new Call("the removed cameras' path's configuration", "GET", "/v3/config/paths/get/" + removedCameras, null,
            api),
        new Call("an unconfigured path", "GET", "/v3/config/paths/get/nope", null, api),
        new Call("add", "POST", "/v3/config/paths/add/dock", "{\"source\":\"publisher\"}", api),
        new Call("add an existing path", "POST", "/v3/config/paths/add/dock", "{\"source\":\"publisher\"}", api),
        new Call("add with an unknown key", "POST", "/v3/config/paths/add/bad", "{\"sourceProtocl\":\"tcp\"}", api),
        new Call("patch", "PATCH", "/v3/config/paths/patch/dock", "{\"record\":false}", api),
        new Call("patch an unknown path", "PATCH", "/v3/config/paths/patch/nope", "{\"record\":false}", api),
        new Call("replace", "POST", "/v3/config/paths/replace/dock", "{\"source\":\"publisher\"}", api),
        new Call("replace an unknown path", "POST", "/v3/config/paths/replace/yard", "{\"source\":\"publisher\"}",
            api),
        new Call("delete", "DELETE", "/v3/config/paths/delete/dock", null, api),
        new Call("delete an unknown path", "DELETE", "/v3/config/paths/delete/nope", null, api),
        new Call("the wrong method", "GET", "/v3/config/paths/delete/yard", null, api),
        new Call("set the users", "PATCH", "/v3/config/global/patch", users, api),
        new Call("a global key that does not exist", "PATCH", "/v3/config/global/patch", "{\"nope\":1}", api),
        new Call("configured paths after the changes", "GET", "/v3/config/paths/list", null, api));

    List<String> differences = new ArrayList<>();
    Process reader = null;
    try (FakeMediaMtxApi fake = FakeMediaMtxApi.start(api.username(), api.password());
        TestPublisher lobby = TestPublisher.ffmpeg(mediaMtx.rtspUrl("lobby"), desired.credentials().publisher())) {
      fake.loadConfigFile(desired.mediaMtxYaml());
      lobby.start();
      mediaMtx.awaitPath("lobby", p -> p.get("available").asBoolean() && p.get("inboundBytes").asLong() > 0,
          Duration.ofSeconds(20));
      fake.publish("lobby");
      fake.track("lobby", "H264", 320, 240);
      reader = mediaMtx.startReader("lobby");
      mediaMtx.awaitPath("lobby", p -> p.get("readers").size() == 1, Duration.ofSeconds(20));
      fake.readers("lobby", 1);
      for (Call call : calls) {
        HttpResponse<String> real = send(mediaMtx.apiUrl(), call);
        HttpResponse<String> faked = send(fake.baseUri(), call);
        if (real.statusCode() != faked.statusCode()) {
          differences.add(call.what() + ": status " + real.statusCode() + " (real) vs " + faked.statusCode());
          continue;
        }
        TreeSet<String> realFields = fields(real.body());
        TreeSet<String> fakeFields = fields(faked.body());
        if (!realFields.equals(fakeFields)) {
          TreeSet<String> onlyReal = new TreeSet<>(realFields);
          onlyReal.removeAll(fakeFields);
          TreeSet<String> onlyFake = new TreeSet<>(fakeFields);
          onlyFake.removeAll(realFields);
          differences.add(call.what() + ": fields only in the real answer " + onlyReal + ", only in the fake's "
              + onlyFake);
        }
      }
      // a failure only the fake can be made to answer (500, 503) carries MediaMTX's Error body, as its 4xx do
      TreeSet<String> realError = fields(send(mediaMtx.apiUrl(), unknownPath).body());
      for (int status : new int[] {500, 503}) {
        fake.failWith(status);
        for (Call call : List.of(calls.get(0), calls.get(5), new Call("replace", "POST",
            "/v3/config/paths/replace/gate", "{\"source\":\"publisher\"}", api))) {
          HttpResponse<String> failed = send(fake.baseUri(), call);
          if (failed.statusCode() != status || !fields(failed.body()).equals(realError)) {
            differences.add(call.what() + " failed with " + status + ": " + failed.statusCode() + " "
                + fields(failed.body()) + ", MediaMTX's Error body has " + realError);
          }
        }
      }
      fake.failWith(null);
    } finally {
      if (reader != null) {
        ChildProcesses.stop(reader, 2000);
      }
    }
    assertThat(differences).as("where the fake differs from MediaMTX v1.20.1").isEmpty();
  }

  private HttpResponse<String> send(URI base, Call call) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path()))
        .timeout(Duration.ofSeconds(10))
        .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(call.body()));
    if (call.body() != null) {
      request.header("Content-Type", "application/json");
    }
    if (call.credentials() != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((call.credentials().username()
          + ":" + call.credentials().password()).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Every field name of a JSON body as a path ({@code items[].tracks2[].codecProps.width}); "(not JSON)" else. */
  private static TreeSet<String> fields(String body) {
    TreeSet<String> fields = new TreeSet<>();
    if (body == null || body.isBlank()) {
      fields.add("(empty)");
      return fields;
    }
    try {
      collect(JSON.readTree(body), "", fields);
    } catch (Exception notJson) {
      fields.add("(not JSON)");
    }
    return fields;
  }

  private static void collect(JsonNode node, String at, TreeSet<String> fields) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
        fields.add(name);
        collect(field.getValue(), name, fields);
      }
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, at + "[]", fields));
    }
  }
}
