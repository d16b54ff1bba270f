// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

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

  /** What the headers give when the proxies write {@code Forwarded}. */
  private static ForwardedHeaders.Result result(List<String> forwarded, List<String> xHost) {
    return ForwardedHeaders.clientHost(request(forwarded, xHost), PROXIES,
        ForwardedHostHeader.FORWARDED);
  }

  /** What the headers give when the proxies write {@code X-Forwarded-Host}. */
  private static ForwardedHeaders.Result xResult(List<String> forwarded, List<String> xHost) {
    return ForwardedHeaders.clientHost(request(forwarded, xHost), PROXIES,
        ForwardedHostHeader.X_FORWARDED_HOST);
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
    assertThat(xResult(List.of(), List.of("acme.app.example")).host()).isEqualTo("acme.app.example");
    assertThat(xResult(List.of(), List.of("evil.example, acme.app.example")).error())
        .isEqualTo("several X-Forwarded-Host values");
    assertThat(xResult(List.of(), List.of("a.example", "b.example")).error()).isNotNull();
  }

  /**
   * Regression (issue 14, defect 4): a trusted proxy appended a Forwarded element without host=,
   * and the client's own X-Forwarded-Host named the tenant.
   */
  @Test
  void forwardedConfigured_clientsXForwardedHost_isNeverRead() {
    ForwardedHeaders.Result r = result(List.of("for=203.0.113.9"), List.of("attacker.app.example"));
    assertThat(r.host()).isNull();
    assertThat(r.error()).isNull();
    // nor compared: disagreeing with it is no error either
    assertThat(result(List.of("for=203.0.113.9;host=acme.app.example"),
        List.of("attacker.app.example")).host()).isEqualTo("acme.app.example");
  }

  /** Regression (defect 4): the client's own Forwarded host= when the proxy writes X-Forwarded-Host. */
  @Test
  void xForwardedHostConfigured_clientsForwarded_isNeverRead() {
    assertThat(xResult(List.of("host=attacker.app.example"), List.of()).host()).isNull();
    assertThat(xResult(List.of("host=attacker.app.example"), List.of("acme.app.example")).host())
        .isEqualTo("acme.app.example");
    assertThat(xResult(List.of("host=\"unterminated"), List.of("acme.app.example")).error())
        .as("not even parsed").isNull();
  }

  @Test
  void noneConfigured_neitherHeaderIsRead() {
    assertThat(ForwardedHeaders.clientHost(
        request(List.of("for=1.2.3.4;host=a.example"), List.of("b.example")), PROXIES,
        ForwardedHostHeader.NONE)).isEqualTo(new ForwardedHeaders.Result(null, null));
  }

  /**
   * Regression (defect 4): X-Forwarded-Host was trimmed with String.trim(), so a leading NUL (or
   * any control character) vanished and {@code \u0000evil.example} became {@code evil.example}.
   */
  @Test
  void xForwardedHost_controlCharacters_are400_spacesAndTabsAroundAreNot() {
    for (String bad : List.of("\u0000evil.example", "evil.example\u0000", "ev\u0000il.example",
        "\revil.example", "evil.example\n", "\u001fevil.example", "evil.example\u007f",
        "\u000bevil.example", "\u000cevil.example")) {
      assertThat(xResult(List.of(), List.of(bad)).error()).as(bad)
          .isEqualTo("control character in X-Forwarded-Host");
    }
    assertThat(xResult(List.of(), List.of(" \tacme.app.example\t ")).host())
        .isEqualTo("acme.app.example");
  }

  @Test
  void forwarded_controlCharactersInHost_areMalformed() {
    for (String bad : List.of("host=\"\u0000evil.example\"", "host=\"evil.example\r\"",
        "host=\u0000evil.example", "host=evil.example\u007f")) {
      assertThat(result(List.of(bad), List.of()).error()).as(bad).isNotNull();
    }
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
