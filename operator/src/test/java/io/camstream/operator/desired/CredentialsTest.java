package io.camstream.operator.desired;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  private final AtomicInteger generated = new AtomicInteger();
  private final PasswordGenerator counting = () -> "generated" + generated.incrementAndGet();

  @Test
  void generatesMissingPasswordsAndKeepsStoredOnes() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    MediaMtxCredentials first = CredentialsResolver.resolve(site, Map.of(), counting);
    assertThat(first.reader()).isEmpty();
    assertThat(first.hlsCdnSecret()).isPresent();
    assertThat(generated).as("publisher, API user, HLS CDN secret").hasValue(3);

    Secret stored = CredentialsSecretBuilder.build(site, first);
    MediaMtxCredentials again = CredentialsResolver.resolve(site, MediaMtxCredentials.decode(stored), counting);
    assertThat(again).isEqualTo(first);
    assertThat(generated).as("nothing regenerated").hasValue(3);
  }

  @Test
  void switchingToAuthenticatedReadersAddsOnlyTheReader() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    MediaMtxCredentials publicReaders = CredentialsResolver.resolve(site, Map.of(), counting);
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setReaders(ReaderAccess.AUTHENTICATED);
    site.getSpec().setMediamtx(mediamtx);

    MediaMtxCredentials authenticated = CredentialsResolver.resolve(site,
        MediaMtxCredentials.decode(CredentialsSecretBuilder.build(site, publicReaders)), counting);
    assertThat(authenticated.publisher()).isEqualTo(publicReaders.publisher());
    assertThat(authenticated.api()).isEqualTo(publicReaders.api());
    assertThat(authenticated.reader()).hasValueSatisfying(reader ->
        assertThat(reader.username()).isEqualTo(CredentialKeys.READER_USER));
    assertThat(CredentialsSecretBuilder.build(site, authenticated).getData())
        .containsKeys(CredentialKeys.READER_USERNAME, CredentialKeys.READER_PASSWORD);
  }

  @Test
  void aCameraStreamWithoutASpecHasPublicReadersSoItCanBeObservedBeforeItIsValidated() {
    CameraStream noSpec = CameraStreams.of("ns", "site", testPattern("lobby"));
    noSpec.setSpec(null);
    assertThat(CredentialsResolver.readerAccess(noSpec)).isEqualTo(ReaderAccess.PUBLIC);
    assertThat(CredentialsResolver.resolve(noSpec, Map.of(), counting).reader()).isEmpty();
  }

  @Test
  void theSecretHasTheContractNameKeysAndLabels() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    Secret secret = CredentialsSecretBuilder.build(site, CredentialsResolver.resolve(site, Map.of(), counting));
    assertThat(secret.getMetadata().getName()).isEqualTo("site-mediamtx-credentials");
    assertThat(secret.getData()).containsOnlyKeys(CredentialKeys.PUBLISHER_USERNAME,
        CredentialKeys.PUBLISHER_PASSWORD, CredentialKeys.API_USERNAME, CredentialKeys.API_PASSWORD,
        CredentialKeys.HLS_CDN_SECRET);
    assertThat(MediaMtxCredentials.decode(secret)).containsEntry(CredentialKeys.PUBLISHER_USERNAME,
        "camstream-publisher");
    assertThat(secret.getMetadata().getLabels()).containsEntry(Labels.CAMERA_STREAM, "site");
  }

  @Test
  void anOlderSecretWithoutTheHlsCdnSecretGetsOneAndKeepsEverythingElse() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    Map<String, String> older = new java.util.HashMap<>(MediaMtxCredentials.decode(CredentialsSecretBuilder.build(
        site, CredentialsResolver.resolve(site, Map.of(), counting))));
    older.remove(CredentialKeys.HLS_CDN_SECRET);
    MediaMtxCredentials upgraded = CredentialsResolver.resolve(site, older, () -> "new-cdn-secret");
    assertThat(upgraded.hlsCdnSecret()).contains("new-cdn-secret");
    assertThat(upgraded.publisher().password()).isEqualTo(older.get(CredentialKeys.PUBLISHER_PASSWORD));
    assertThat(MediaMtxConfigBuilder.build(site, upgraded, Map.of())).containsEntry("hlsCDNSecret",
        "new-cdn-secret");
    assertThat(MediaMtxConfigBuilder.build(site, new MediaMtxCredentials(upgraded.publisher(), upgraded.api(),
        upgraded.reader()), Map.of())).doesNotContainKey("hlsCDNSecret");
  }

  @Test
  void securePasswordsAreLongAlphanumericAndDistinct() {
    PasswordGenerator generator = PasswordGenerator.secureRandom();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String password = generator.next();
      assertThat(password).hasSize(PasswordGenerator.LENGTH).matches("[A-Za-z0-9]+");
      assertThat(seen.add(password)).isTrue();
    }
  }

  @Test
  void credentialsNeverPrintTheirPasswords() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    MediaMtxCredentials credentials = CredentialsResolver.resolve(site, Map.of(), () -> "hunter2hunter2");
    assertThat(credentials.hlsCdnSecret()).contains("hunter2hunter2");
    assertThat(credentials.toString()).doesNotContain("hunter2")
        .as("still says whose they are").contains("camstream-publisher", "camstream-api");
    assertThat(DesiredState.of(site, OperatorDefaults.standard(), Map.of(), () -> "hunter2hunter2").toString())
        .doesNotContain("hunter2").contains("lobby");
    assertThat(new CameraCredentials("admin", "hunter2").toString()).doesNotContain("admin", "hunter2")
        .contains("redacted");
  }

  @Test
  void storedCredentialsAreReadFromDataAndStringData() {
    Map<String, String> data = new java.util.HashMap<>();
    data.put(CredentialKeys.PUBLISHER_USERNAME, CameraStreams.base64("pub"));
    data.put(CredentialKeys.PUBLISHER_PASSWORD, null);
    Secret stored = new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("site-mediamtx-credentials")
        .endMetadata().withData(data).addToStringData(CredentialKeys.API_USERNAME, "api").build();

    assertThat(MediaMtxCredentials.decode(stored)).containsExactlyInAnyOrderEntriesOf(Map.of(
        CredentialKeys.PUBLISHER_USERNAME, "pub", CredentialKeys.API_USERNAME, "api"));
    assertThat(MediaMtxCredentials.decode(null)).isEmpty();
  }
}
