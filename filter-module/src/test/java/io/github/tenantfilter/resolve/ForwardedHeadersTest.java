package io.github.tenantfilter.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {

  private static final AddressRanges PROXIES = AddressRanges.parse("10.0.0.0/8");

  private static HttpServletRequest request(List<String> forwarded, List<String> xHost) {
    HttpServletRequest request = mock(HttpServletRequest.class);
    when(request.getHeaders("Forwarded")).thenReturn(Collections.enumeration(forwarded));
    when(request.getHeaders("X-Forwarded-Host")).thenReturn(Collections.enumeration(xHost));
    return request;
  }

  private static ForwardedHeaders.Result result(List<String> forwarded, List<String> xHost) {
    return ForwardedHeaders.clientHost(request(forwarded, xHost), PROXIES);
  }

  @Test
  void forwarded_oneProxy_usesItsHost() {
    assertThat(result(List.of("for=203.0.113.9;host=acme.app.example;proto=https"), List.of())
        .host()).isEqualTo("acme.app.example");
  }

  @Test
  void forwarded_clientSentItsOwn_walkStopsAtTheUntrustedHop() {
    // the client sent "host=globex"; our proxy appended what it really received
    ForwardedHeaders.Result r = result(
        List.of("for=198.51.100.1;host=globex.app.example", "for=203.0.113.9;host=acme.app.example"),
        List.of());
    assertThat(r.host()).isEqualTo("acme.app.example");
  }

  @Test
  void forwarded_chainOfTrustedProxies_usesTheFirstUntrustedHopsHost() {
    ForwardedHeaders.Result r = result(
        List.of("for=203.0.113.9;host=acme.app.example, for=10.1.1.1;host=internal.lb"),
        List.of());
    assertThat(r.host()).isEqualTo("acme.app.example");
  }

  @Test
  void forwarded_elementWithoutHost_keepsTheHostOfTheNextHop() {
    assertThat(result(List.of("for=203.0.113.9"), List.of()).host()).isNull();
    assertThat(result(List.of("for=203.0.113.9, for=10.1.1.1;host=acme.app.example"), List.of())
        .host()).isEqualTo("acme.app.example");
  }

  @Test
  void forwarded_quotedValuesAndIpv6Nodes() {
    ForwardedHeaders.Result r = result(
        List.of("for=\"[2001:db8::1]:4711\";host=\"acme.app.example:8443\";by=\"_lb\""),
        List.of());
    assertThat(r.host()).isEqualTo("acme.app.example:8443");
    assertThat(ForwardedHeaders.node("\"[2001:db8::1]:4711\"".replace("\"", "")))
        .isEqualTo("2001:db8::1");
    assertThat(ForwardedHeaders.node("10.1.1.1:80")).isEqualTo("10.1.1.1");
  }

  @Test
  void forwarded_malformed_isAnError() {
    for (String bad : List.of("host", "host=", "=x", "host=a;host=b", "host=\"unterminated",
        "host=a b", "for=1.2.3.4:80")) {
      assertThat(result(List.of(bad), List.of()).error()).as(bad).isNotNull();
    }
  }

  @Test
  void xForwardedHost_singleValueUsed_severalRefused() {
    assertThat(result(List.of(), List.of("acme.app.example")).host()).isEqualTo("acme.app.example");
    assertThat(result(List.of(), List.of("evil.example, acme.app.example")).error())
        .isEqualTo("several X-Forwarded-Host values");
    assertThat(result(List.of(), List.of("a.example", "b.example")).error()).isNotNull();
  }

  @Test
  void bothHeaders_mustAgree() {
    assertThat(result(List.of("host=ACME.app.example"), List.of("acme.app.example")).host())
        .isEqualTo("ACME.app.example");
    assertThat(result(List.of("host=acme.app.example"), List.of("globex.app.example")).error())
        .isEqualTo("Forwarded and X-Forwarded-Host disagree");
  }

  @Test
  void parse_splitsElementsAndPairs() {
    List<List<String[]>> elements = new ArrayList<>();
    assertThat(ForwardedHeaders.parse("For=a;Host=\"x,y;z\" ,for=b", elements)).isTrue();
    assertThat(elements).hasSize(2);
    assertThat(elements.get(0).get(1)).containsExactly("host", "x,y;z");
    assertThat(elements.get(1).get(0)).containsExactly("for", "b");
  }
}
