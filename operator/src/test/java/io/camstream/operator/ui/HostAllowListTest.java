package io.camstream.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostAllowListTest {
  private final HostAllowList hosts = new HostAllowList(List.of("cameras.example.com", "[fd00::7]"));

  @Test
  void answersLoopbackNamesAndConfiguredOnes() {
    assertThat(List.of("localhost", "LOCALHOST", "localhost.", "127.0.0.1", "[::1]", "::1", "cameras.example.com",
        "Cameras.Example.Com", "[fd00::7]")).allMatch(hosts::allows);
  }

  @Test
  void refusesEverythingElse() {
    assertThat(List.of("example.com", "127.0.0.2", "localhost.example.com", "cameras.example.com.evil", "[::2]",
        "", "0.0.0.0")).noneMatch(hosts::allows);
    assertThat(hosts.allows(null)).isFalse();
  }

  @Test
  void theHostOfAHostHeaderDropsThePort() {
    assertThat(HostAllowList.hostOf("localhost:8081")).isEqualTo("localhost");
    assertThat(HostAllowList.hostOf("[::1]:8081")).isEqualTo("[::1]");
    assertThat(HostAllowList.hostOf("[::1]")).isEqualTo("[::1]");
    assertThat(HostAllowList.hostOf(" cameras.example.com ")).isEqualTo("cameras.example.com");
  }
}
