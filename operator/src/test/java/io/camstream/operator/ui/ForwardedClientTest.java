package io.camstream.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.eclipse.jetty.util.InetAddressSet;
import org.junit.jupiter.api.Test;

class ForwardedClientTest {
  private final InetAddressSet ingress = new InetAddressSet();

  ForwardedClientTest() {
    ingress.add("10.42.0.0/16");
    ingress.add("fd00::/8");
  }

  @Test
  void behindATrustedProxyTheClientIsTheAddressItSaw() {
    assertThat(address("10.42.1.7", "203.0.113.9")).isEqualTo("203.0.113.9");
    assertThat(address("10.42.1.7", "198.51.100.1, 203.0.113.9")).as("what the client wrote itself is not believed")
        .isEqualTo("203.0.113.9");
    assertThat(address("10.42.1.7", "203.0.113.9, 10.42.3.3")).as("through two trusted proxies")
        .isEqualTo("203.0.113.9");
    assertThat(ForwardedClient.address("10.42.1.7", List.of("198.51.100.1", "203.0.113.9, 10.42.3.3"), ingress))
        .as("repeated headers read as one list").isEqualTo("203.0.113.9");
    assertThat(address("fd00::5", "2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(address("fd00::5", "[2001:db8::1]")).isEqualTo("2001:db8:0:0:0:0:0:1");
  }

  @Test
  void anythingElseIsTheConnectionsAddress() {
    assertThat(address("203.0.113.9", "10.0.0.1")).as("not a trusted proxy: its header is its own word")
        .isEqualTo("203.0.113.9");
    assertThat(ForwardedClient.address("10.42.1.7", List.of(), ingress)).as("the proxy forwarded nobody")
        .isEqualTo("10.42.1.7");
    assertThat(address("10.42.1.7", "unknown")).as("not an address: the last trusted hop").isEqualTo("10.42.1.7");
    assertThat(address("10.42.1.7", "203.0.113.9, example.com, 10.42.3.3")).isEqualTo("10.42.3.3");
    assertThat(address("10.42.1.7", "")).isEqualTo("10.42.1.7");
    assertThat(address("unix:/run/wall.sock", "203.0.113.9")).as("not an address at all").isEqualTo(
        "unix:/run/wall.sock");
    assertThat(address("10.42.1.7", "10.42.9.9")).as("only trusted hops: the first of them")
        .isEqualTo("10.42.9.9");
  }

  @Test
  void onlyAddressLiteralsAreReadNeverNamesToResolve() {
    assertThat(ForwardedClient.literal("192.0.2.1")).isNotNull();
    assertThat(ForwardedClient.literal("[::1]")).isNotNull();
    assertThat(List.of("999.1.1.1", "1.2.3", "1.2.3.4.5", "localhost", "abc", "cafe", "1.2.3.4:80", ":::x", "[]", ""))
        .allSatisfy(value -> assertThat(ForwardedClient.literal(value)).as(value).isNull());
  }

  private String address(String remote, String forwardedFor) {
    return ForwardedClient.address(remote, List.of(forwardedFor), ingress);
  }
}
