// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.tenantfilter.internal.resolve.Identification.Outcome;
import io.github.tenantfilter.testing.FakeHttp;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantIdentifierTest {

  private final TenantIdentifier identifier =
      new TenantIdentifier(List.of("app.example", "example"), true, null);

  private static HttpServletRequest request(List<String> hosts) {
    HttpServletRequest request = mock(HttpServletRequest.class);
    when(request.getHeaders("Host")).thenReturn(Collections.enumeration(hosts));
    when(request.getHeaders("X-Tenant-Id")).thenReturn(Collections.emptyEnumeration());
    return request;
  }

  @Test
  void identify_subdomainOfBaseDomain_looksUpSubdomain() {
    Identification id = identifier.identify(request(List.of("Acme.App.Example:8443")));
    assertThat(id.outcome()).isEqualTo(Outcome.KEY);
    assertThat(id.key()).isEqualTo(LookupKey.subdomain("acme"));
    assertThat(id.key().cacheKey()).isEqualTo("subdomain:acme");
  }

  @Test
  void identify_nestedBaseDomains_longestBaseWins() {
    // "app.example" is itself a subdomain of the base "example"; the longer base decides
    assertThat(identifier.identifyHost("acme.app.example").key())
        .isEqualTo(LookupKey.subdomain("acme"));
    assertThat(identifier.identifyHost("app.example").outcome()).isEqualTo(Outcome.NONE);
    assertThat(identifier.identifyHost("shop.example").key())
        .isEqualTo(LookupKey.subdomain("shop"));
  }

  @Test
  void identify_customDomain_looksUpWholeHost() {
    Identification id = identifier.identify(request(List.of("www.acme-corp.com.")));
    assertThat(id.key()).isEqualTo(LookupKey.domain("www.acme-corp.com"));
    assertThat(id.key().cacheKey()).isEqualTo("domain:www.acme-corp.com");
  }

  @Test
  void identify_hostThatOnlyEndsLikeBase_isCustomDomain() {
    assertThat(identifier.identifyHost("evilapp.example.net").key())
        .isEqualTo(LookupKey.domain("evilapp.example.net"));
    assertThat(new TenantIdentifier(List.of("app.example"), true, null)
            .identifyHost("evilapp.example").key())
        .isEqualTo(LookupKey.domain("evilapp.example"));
  }

  @Test
  void identify_apexAndDeeperNames_nameNoTenant() {
    assertThat(identifier.identifyHost("example").outcome()).isEqualTo(Outcome.NONE);
    assertThat(identifier.identifyHost("a.b.app.example").outcome()).isEqualTo(Outcome.NONE);
  }

  @Test
  void identify_ipAddress_namesNoTenant() {
    assertThat(identifier.identify(request(List.of("127.0.0.1:8080"))).outcome())
        .isEqualTo(Outcome.NONE);
    assertThat(identifier.identify(request(List.of("[::1]"))).outcome()).isEqualTo(Outcome.NONE);
  }

  @Test
  void identify_customDomainsOff_otherHostsNameNoTenant() {
    TenantIdentifier subdomainsOnly = new TenantIdentifier(List.of("app.example"), false, null);
    assertThat(subdomainsOnly.identifyHost("www.acme-corp.com").outcome()).isEqualTo(Outcome.NONE);
  }

  @Test
  void identify_missingRepeatedOrMalformedHost_isMalformed() {
    assertThat(identifier.identify(request(List.of())).outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(identifier.identify(request(List.of("a.example", "b.example"))).outcome())
        .isEqualTo(Outcome.MALFORMED);
    assertThat(identifier.identify(request(List.of("a.example/x"))).outcome())
        .isEqualTo(Outcome.MALFORMED);
  }

  @Test
  void identify_headerConfiguredAndPresent_looksUpId() {
    TenantIdentifier withHeader = new TenantIdentifier(List.of("app.example"), true, "X-Tenant-Id");
    HttpServletRequest request = request(List.of("acme.app.example"));
    when(request.getHeaders("X-Tenant-Id")).thenReturn(Collections.enumeration(List.of("t-42")));
    assertThat(withHeader.identify(request).key()).isEqualTo(LookupKey.id("t-42"));
  }

  @Test
  void identify_headerConfiguredButAbsent_fallsBackToHost() {
    TenantIdentifier withHeader = new TenantIdentifier(List.of("app.example"), true, "X-Tenant-Id");
    assertThat(withHeader.identify(request(List.of("acme.app.example"))).key())
        .isEqualTo(LookupKey.subdomain("acme"));
  }

  @Test
  void identify_headerNotConfigured_isIgnored() {
    HttpServletRequest request = request(List.of("acme.app.example"));
    when(request.getHeaders("X-Tenant-Id")).thenReturn(Collections.enumeration(List.of("t-42")));
    assertThat(identifier.identify(request).key()).isEqualTo(LookupKey.subdomain("acme"));
  }

  @Test
  void identify_malformedOrRepeatedHeader_isMalformed() {
    TenantIdentifier withHeader = new TenantIdentifier(List.of("app.example"), true, "X-Tenant-Id");
    HttpServletRequest bad = request(List.of("acme.app.example"));
    when(bad.getHeaders("X-Tenant-Id")).thenReturn(Collections.enumeration(List.of("a b")));
    assertThat(withHeader.identify(bad).outcome()).isEqualTo(Outcome.MALFORMED);
    HttpServletRequest twice = request(List.of("acme.app.example"));
    when(twice.getHeaders("X-Tenant-Id")).thenReturn(Collections.enumeration(List.of("a", "b")));
    assertThat(withHeader.identify(twice).outcome()).isEqualTo(Outcome.MALFORMED);
  }

  @Test
  void identify_hostDiffersFromRequestTarget_isMalformed() {
    // absolute-form request line or HTTP/2 :authority naming another host than Host
    HttpServletRequest request = request(List.of("acme.app.example"));
    when(request.getServerName()).thenReturn("globex.app.example");
    assertThat(identifier.identify(request).reason())
        .isEqualTo("Host does not match the request target");
  }

  @Test
  void identify_serverNameSameHostOtherSpelling_matches() {
    for (String[] pair : new String[][] {
        {"acme.app.example:8443", "acme.app.example"},
        {"ACME.App.Example", "acme.app.example"},
        {"acme.app.example.", "acme.app.example"},
        {"[::1]:8080", "0:0:0:0:0:0:0:1"},
        {"[::1]", "[::1]"}}) {
      HttpServletRequest request = request(List.of(pair[0]));
      when(request.getServerName()).thenReturn(pair[1]);
      assertThat(identifier.identify(request).outcome()).as(pair[0]).isNotEqualTo(Outcome.MALFORMED);
    }
  }

  @Test
  void identify_ipHostPolicies() {
    TenantIdentifier reject = new TenantIdentifier(List.of("app.example"), true, null,
        AddressRanges.none(), AddressRanges.none(), ForwardedHostHeader.NONE, IpHostPolicy.REJECT);
    assertThat(reject.identify(request(List.of("10.1.2.3"))).outcome())
        .isEqualTo(Outcome.MALFORMED);
    TenantIdentifier lookup = new TenantIdentifier(List.of("app.example"), true, null,
        AddressRanges.none(), AddressRanges.none(), ForwardedHostHeader.NONE, IpHostPolicy.LOOKUP);
    assertThat(lookup.identify(request(List.of("10.1.2.3:8080"))).key())
        .isEqualTo(LookupKey.domain("10.1.2.3"));
  }

  private static HttpServletRequest fromPeer(String peer, String host, String xForwardedHost) {
    HttpServletRequest request = request(List.of(host));
    when(request.getRemoteAddr()).thenReturn(peer);
    when(request.getHeaders("Forwarded")).thenReturn(Collections.emptyEnumeration());
    when(request.getHeaders("X-Forwarded-Host"))
        .thenReturn(Collections.enumeration(List.of(xForwardedHost)));
    return request;
  }

  @Test
  void identify_forwardedHostFromTrustedProxy_isUsed_fromOthersIgnored() {
    TenantIdentifier behindProxy = new TenantIdentifier(List.of("app.example"), true, null,
        AddressRanges.none(), AddressRanges.parse("10.0.0.0/8"),
        ForwardedHostHeader.X_FORWARDED_HOST, IpHostPolicy.UNKNOWN);
    assertThat(behindProxy.identify(fromPeer("10.0.0.5", "internal.lb", "acme.app.example")).key())
        .isEqualTo(LookupKey.subdomain("acme"));
    assertThat(behindProxy.identify(fromPeer("203.0.113.9", "globex.app.example",
            "acme.app.example")).key())
        .isEqualTo(LookupKey.subdomain("globex"));
    assertThat(behindProxy.identify(fromPeer("10.0.0.5", "internal.lb", "acme.app.example/x"))
        .reason()).isEqualTo("invalid forwarded host");
    // no trusted proxy configured: ignored from everyone
    assertThat(identifier.identify(fromPeer("10.0.0.5", "globex.app.example", "acme.app.example"))
        .key()).isEqualTo(LookupKey.subdomain("globex"));
    // trusted proxies, but no header named: Host
    TenantIdentifier noHeader = new TenantIdentifier(List.of("app.example"), true, null,
        AddressRanges.none(), AddressRanges.parse("10.0.0.0/8"), ForwardedHostHeader.NONE,
        IpHostPolicy.UNKNOWN);
    assertThat(noHeader.identify(fromPeer("10.0.0.5", "globex.app.example", "acme.app.example"))
        .key()).isEqualTo(LookupKey.subdomain("globex"));
  }

  /**
   * Regression (issue 14, defect 4): Host victim, the trusted proxy appended a Forwarded element
   * without host=, and the client's own X-Forwarded-Host named attacker: attacker was resolved.
   */
  @Test
  void identify_proxyWritesForwardedWithoutHost_clientsXForwardedHostIsIgnored() {
    TenantIdentifier behindProxy = new TenantIdentifier(List.of("app.example"), true, null,
        AddressRanges.none(), AddressRanges.parse("10.0.0.0/8"), ForwardedHostHeader.FORWARDED,
        IpHostPolicy.UNKNOWN);
    HttpServletRequest request = request(List.of("victim.app.example"));
    when(request.getRemoteAddr()).thenReturn("10.0.0.5");
    when(request.getHeaders("Forwarded"))
        .thenReturn(Collections.enumeration(List.of("for=203.0.113.9")));
    when(request.getHeaders("X-Forwarded-Host"))
        .thenReturn(Collections.enumeration(List.of("attacker.app.example")));
    assertThat(behindProxy.identify(request).key()).isEqualTo(LookupKey.subdomain("victim"));
  }

  @Test
  void identify_headerLimitedToSources_ignoredFromOthers() {
    TenantIdentifier gatewayOnly = new TenantIdentifier(List.of("app.example"), true,
        "X-Tenant-Id", AddressRanges.parse("10.9.0.0/16"), AddressRanges.none(),
        ForwardedHostHeader.NONE, IpHostPolicy.UNKNOWN);
    HttpServletRequest fromGateway = request(List.of("acme.app.example"));
    when(fromGateway.getRemoteAddr()).thenReturn("10.9.1.1");
    when(fromGateway.getHeaders("X-Tenant-Id")).thenReturn(Collections.enumeration(List.of("t-1")));
    assertThat(gatewayOnly.identify(fromGateway).key()).isEqualTo(LookupKey.id("t-1"));
    HttpServletRequest fromClient = request(List.of("acme.app.example"));
    when(fromClient.getRemoteAddr()).thenReturn("203.0.113.9");
    when(fromClient.getHeaders("X-Tenant-Id")).thenReturn(Collections.enumeration(List.of("t-1")));
    assertThat(gatewayOnly.identify(fromClient).key()).isEqualTo(LookupKey.subdomain("acme"));
  }

  @Test
  void identify_hostWithSurroundingSpacesOrTabs_isTheHost() {
    // RFC 9110 5.5: OWS around a field value is not part of it (Payara's Grizzly keeps tabs)
    assertThat(identifier.identify(request(List.of("\tacme.app.example \t"))).key())
        .isEqualTo(LookupKey.subdomain("acme"));
    // and the server name Grizzly derives from it keeps the tab too
    HttpServletRequest tabbed = request(List.of("acme.app.example\t"));
    when(tabbed.getServerName()).thenReturn("acme.app.example\t");
    assertThat(identifier.identify(tabbed).key()).isEqualTo(LookupKey.subdomain("acme"));
    assertThat(identifier.identify(request(List.of("acme.app.example\t:80"))).outcome())
        .isEqualTo(Outcome.MALFORMED);
    assertThat(identifier.identify(request(List.of(" \t "))).outcome())
        .isEqualTo(Outcome.MALFORMED);
  }

  @Test
  void tenantIds_acceptOnlySafeCharacters() {
    assertThat(TenantIds.isValid("acme")).isTrue();
    assertThat(TenantIds.isValid("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b")).isTrue();
    assertThat(TenantIds.isValid("a.b_c-d")).isTrue();
    assertThat(TenantIds.isValid("-a")).isFalse();
    assertThat(TenantIds.isValid("a:b")).isFalse();
    assertThat(TenantIds.isValid("a*")).isFalse();
    assertThat(TenantIds.isValid("a".repeat(65))).isFalse();
    assertThat(TenantIds.isValid("")).isFalse();
    assertThat(TenantIds.isValid(null)).isFalse();
  }

  /**
   * The per-host memory of what a Host value names (issue 19's hot path) never changes an
   * answer: a long-lived identifier, whose memory fills, is forgotten and refills, answers every
   * request as an identifier that has seen nothing. Random hosts (seeded; -Dmemo.seed replays):
   * subdomains, custom domains, nested bases, case and ports, trailing dots, IP literals and
   * invalid values, from a pool larger than the memory, so that it is cleared several times.
   */
  @Test
  void identify_rememberedHosts_answerAsAFreshIdentifierDoes() {
    long seed = Long.getLong("memo.seed", System.nanoTime());
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    String[] shapes = {"%s.app.example", "%S.App.Example:8443", "%s.example", "%s.app.example.",
        "www.%s-corp.com", "%s.acme.app.example", "app.example", "10.0.0.%d", "[::%d]",
        "%s..app.example", "%s_x.app.example", "xn--%s.app.example"};
    TenantIdentifier longLived = new TenantIdentifier(List.of("app.example", "example"), true, null);
    int pool = TenantIdentifier.HOSTS_REMEMBERED * 3;
    for (int i = 0; i < TenantIdentifier.HOSTS_REMEMBERED * 5; i++) {
      String shape = shapes[random.nextInt(shapes.length)];
      int n = random.nextInt(pool);
      String host = shape.contains("%d") ? String.format(shape, n % 250)
          : String.format(shape, "t" + n);
      Identification remembered = longLived.identify(FakeHttp.request(host, "/"));
      Identification fresh = new TenantIdentifier(List.of("app.example", "example"), true, null)
          .identify(FakeHttp.request(host, "/"));
      assertThat(remembered).as("host %s (seed %d)", host, seed)
          .hasToString(fresh.toString());
    }
  }
}
