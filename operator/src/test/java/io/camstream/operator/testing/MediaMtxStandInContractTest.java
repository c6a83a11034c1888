package io.camstream.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.health.source.ApiCredentialsSecret;
import io.camstream.operator.mediamtx.api.ApiCredentials;
import io.camstream.operator.mediamtx.fake.FakeMediaMtxApi;
import io.camstream.operator.status.MediaServerAvailability;
import io.camstream.operator.testing.mediamtx.MediaMtxPod;
import io.camstream.operator.testing.mediamtx.RealMediaMtx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link MediaMtxStandIn} plays a CameraStream's MediaMTX pod for tests that need MediaMTX to fail on cue: it lets
 * the fake accept the API user of the {@code <name>-mediamtx-credentials} Secret as soon as the Secret exists, and
 * marks the Deployment available. Held to the real thing: MediaMTX v1.20.1 started from the Secrets the operator
 * wrote ({@link MediaMtxPod}) answers the operator's API user and refuses another exactly as the stand-in's fake
 * does, and both leave the Deployment available.
 */
class MediaMtxStandInContractTest {
  @RegisterExtension
  static final RealMediaMtx mediaMtx = RealMediaMtx.onFreePorts();

  @Test
  void theStandInAcceptsTheOperatorsApiUserAsTheRealMediaMtxStartedFromTheOperatorsSecretsDoes() throws Exception {
    try (OperatorTestHarness harness = OperatorTestHarness.start();
        FakeMediaMtxApi fake = FakeMediaMtxApi.start("nobody", "nothing-yet")) {
      String real = harness.newNamespace();
      String standIn = harness.newNamespace();
      harness.create(CameraStreams.of(real, "site", CameraStreams.testPattern("lobby")));
      harness.create(CameraStreams.of(standIn, "site", CameraStreams.testPattern("lobby")));

      MediaMtxPod.of(harness, mediaMtx, real, "site").start();
      try (MediaMtxStandIn ignored = MediaMtxStandIn.start(harness, standIn, fake)) {
        await().atMost(OperatorTestHarness.TIMEOUT).until(() -> MediaServerAvailability.of(
            harness.deployment(standIn, ResourceNames.mediaMtx("site"))).available());
        assertThat(MediaServerAvailability.of(harness.deployment(real, ResourceNames.mediaMtx("site"))).available())
            .isTrue();
        ApiCredentials realUser = apiUser(harness, real);
        ApiCredentials standInUser = apiUser(harness, standIn);
        await().atMost(OperatorTestHarness.TIMEOUT).until(() -> status(fake.baseUri(), standInUser) == 200);

        assertThat(status(mediaMtx.apiUrl(), realUser)).as("real MediaMTX, the operator's API user").isEqualTo(200);
        assertThat(status(mediaMtx.apiUrl(), new ApiCredentials(realUser.username(), "not-the-password")))
            .as("real MediaMTX, a wrong password").isEqualTo(401);
        assertThat(status(fake.baseUri(), new ApiCredentials(standInUser.username(), "not-the-password")))
            .as("stand-in, a wrong password").isEqualTo(401);
      }
    }
  }

  private static ApiCredentials apiUser(OperatorTestHarness harness, String namespace) {
    return ApiCredentialsSecret.read(harness.client().secrets().inNamespace(namespace)
        .withName(ResourceNames.credentialsSecret("site")).get()).orElseThrow();
  }

  private static int status(URI api, ApiCredentials user) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/v3/paths/list"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user.username() + ":"
            + user.password()).getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
