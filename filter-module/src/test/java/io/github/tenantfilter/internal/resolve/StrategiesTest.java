// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.tenantfilter.api.InvalidTenantKeyException;
import io.github.tenantfilter.api.TenantKey;
import io.github.tenantfilter.api.TenantKeyResolver;
import io.github.tenantfilter.internal.resolve.Identification.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The strategies beside the host: the path segment, the application's resolvers and the default
 * tenant, in their order, and the hostile inputs each must refuse.
 */
class StrategiesTest {

  private static TenantIdentifier identifier(String prefix, boolean forward,
      List<TenantKeyResolver> resolvers, String defaultTenant) {
    return new TenantIdentifier(List.of("app.example"), false, "X-Tenant-Id",
        AddressRanges.none(), AddressRanges.none(), ForwardedHostHeader.NONE,
        IpHostPolicy.UNKNOWN, prefix, forward, resolvers, defaultTenant);
  }

  private static HttpServletRequest request(String host, String servletPath, String pathInfo,
      String... idHeader) {
    HttpServletRequest request = mock(HttpServletRequest.class);
    when(request.getHeaders("Host")).thenReturn(Collections.enumeration(List.of(host)));
    when(request.getHeaders("X-Tenant-Id"))
        .thenReturn(Collections.enumeration(List.of(idHeader)));
    when(request.getServletPath()).thenReturn(servletPath);
    when(request.getPathInfo()).thenReturn(pathInfo);
    when(request.getRemoteAddr()).thenReturn("192.0.2.7");
    return request;
  }

  @Test
  void pathSegment_namesTheTenantById_aheadOfTheHost() {
    TenantIdentifier identifier = identifier("/t", false, List.of(), null);
    Identification id = identifier.identify(request("globex.app.example", "/t", "/acme/orders"));
    assertThat(id.key()).isEqualTo(LookupKey.id("acme"));
    assertThat(id.forward()).isNull();
    // the host names a tenant too: it rides along, for the filter to refuse a mismatch
    assertThat(id.hostKey()).isEqualTo(LookupKey.subdomain("globex"));
    // the apex names none: nothing to compare
    assertThat(identifier.identify(request("app.example", "/t/acme", null)).hostKey()).isNull();
    // the segment alone, with or without a trailing slash
    assertThat(identifier.identify(request("x.app.example", "/t/acme", null)).key())
        .isEqualTo(LookupKey.id("acme"));
    assertThat(identifier.identify(request("x.app.example", "", "/t/acme/")).key())
        .isEqualTo(LookupKey.id("acme"));
  }

  @Test
  void pathSegment_withForward_givesTheRestOfThePath() {
    TenantIdentifier identifier = identifier("/api/t", true, List.of(), null);
    assertThat(identifier.identify(request("h.app.example", "/api", "/t/acme/orders/7")).forward())
        .isEqualTo("/orders/7");
    assertThat(identifier.identify(request("h.app.example", "/api/t/acme", null)).forward())
        .isEqualTo("/");
  }

  @Test
  void pathOutsideThePrefix_isLeftToTheHost() {
    TenantIdentifier identifier = identifier("/t", true, List.of(), null);
    for (String path : new String[] {"/", "/t", "/tx/acme", "/T/acme", "/orders/t/acme"}) {
      Identification id = identifier.identify(request("globex.app.example", path, null));
      assertThat(id.key()).as(path).isEqualTo(LookupKey.subdomain("globex"));
      assertThat(id.forward()).as(path).isNull();
    }
  }

  @Test
  void hostilePathSegment_is400_neverAnotherTenant() {
    TenantIdentifier identifier = identifier("/t", true, List.of(), null);
    for (String segment : new String[] {"", ".", "..", "-acme", "acme globex", "acme;x=1",
        "acme%2Fglobex", "ac\u0000me", "acme\u00e9", "\uff41cme", "acme?x", "acme#x",
        "a".repeat(129)}) {
      Identification id = identifier.identify(request("acme.app.example", "/t/" + segment, "/x"));
      assertThat(id.outcome()).as("segment '%s'", segment).isEqualTo(Outcome.MALFORMED);
      assertThat(id.reason()).isEqualTo("invalid tenant path segment");
    }
  }

  /**
   * Random paths of hostile characters never name a tenant other than the one their segment
   * spells exactly, and a forward never leaves the path it was given. Replay with -Dtf.seed.
   */
  @Test
  void randomPaths_nameExactlyTheirSegment() {
    long seed = Long.getLong("tf.seed", System.nanoTime());
    SplittableRandom random = new SplittableRandom(seed);
    String alphabet = "aZ09._-/;%?#\u0000 .\u00e9\u0430/";
    TenantIdentifier identifier = identifier("/t", true, List.of(), null);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder path = new StringBuilder("/t/");
      int length = random.nextInt(12);
      for (int c = 0; c < length; c++) {
        path.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String p = path.toString();
      Identification id = identifier.identify(request("globex.app.example", p, null));
      int end = p.indexOf('/', 3);
      String segment = p.substring(3, end < 0 ? p.length() : end);
      if (TenantIds.isValid(segment)) {
        assertThat(id.key()).as("seed %d path %s", seed, p).isEqualTo(LookupKey.id(segment));
        assertThat(id.forward()).as("seed %d path %s", seed, p)
            .isEqualTo(end < 0 ? "/" : p.substring(end));
      } else {
        assertThat(id.outcome()).as("seed %d path %s", seed, p).isEqualTo(Outcome.MALFORMED);
      }
    }
  }

  @Test
  void idHeader_goesFirst_thenPath_thenResolvers_thenHost_thenDefault() {
    TenantKeyResolver query = request -> Optional.of(TenantKey.id("from-resolver"));
    TenantIdentifier identifier = identifier("/t", false, List.of(query), "fallback");
    assertThat(identifier.identify(request("acme.app.example", "/t/p", null, "hdr")).key())
        .isEqualTo(LookupKey.id("hdr"));
    assertThat(identifier.identify(request("acme.app.example", "/t/p", null)).key())
        .isEqualTo(LookupKey.id("p"));
    assertThat(identifier.identify(request("acme.app.example", "/x", null)).key())
        .isEqualTo(LookupKey.id("from-resolver"));

    TenantIdentifier hostAndDefault = identifier(null, false, List.of(), "fallback");
    assertThat(hostAndDefault.identify(request("acme.app.example", "/x", null)).key())
        .isEqualTo(LookupKey.subdomain("acme"));
    // the apex, an IP address, a host outside the bases (custom domains off): the default
    for (String host : new String[] {"app.example", "192.0.2.1", "[::1]", "other.example"}) {
      assertThat(hostAndDefault.identify(request(host, "/x", null)).key())
          .as(host).isEqualTo(LookupKey.id("fallback"));
    }
    // a malformed Host is 400 even with a default: a bad request is not a single-tenant one
    assertThat(hostAndDefault.identify(request("bad..host", "/x", null)).outcome())
        .isEqualTo(Outcome.MALFORMED);
    assertThat(identifier("/t", false, List.of(), "fallback")
        .identify(request("bad..host", "/t/acme", null)).outcome())
        .isEqualTo(Outcome.MALFORMED);
  }

  @Test
  void resolvers_askedInOrder_emptyPassesOn_hostKeyFollowsTheHostRules() {
    TenantKeyResolver none = request -> Optional.empty();
    TenantKeyResolver nullAnswer = request -> null;
    TenantKeyResolver host = request -> Optional.of(TenantKey.host("Acme.App.Example."));
    TenantKeyResolver never = request -> {
      throw new AssertionError("asked after an answer");
    };
    TenantIdentifier identifier =
        identifier(null, false, List.of(none, nullAnswer, host, never), null);
    assertThat(identifier.identify(request("globex.app.example", "/", null)).key())
        .isEqualTo(LookupKey.subdomain("acme"));
  }

  @Test
  void resolverRefusing_is400_withAFixedReason() {
    TenantKeyResolver hostile = request -> Optional.of(TenantKey.id("../<script>"));
    Identification id = identifier(null, false, List.of(hostile), null)
        .identify(request("acme.app.example", "/", null));
    assertThat(id.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(id.reason()).isEqualTo("invalid tenant key");
  }

  @Test
  void tenantKey_refusesWhatIsNoIdOrHost() {
    for (String bad : new String[] {"", " acme", "acme/x", "-a", "a b", "\u0430cme"}) {
      assertThatThrownBy(() -> TenantKey.id(bad)).as(bad)
          .isInstanceOf(InvalidTenantKeyException.class);
    }
    for (String bad : new String[] {"", "a..b", "a b", "a/b", "a@b", "[::1"}) {
      assertThatThrownBy(() -> TenantKey.host(bad)).as(bad)
          .isInstanceOf(InvalidTenantKeyException.class);
    }
    assertThatThrownBy(() -> TenantKey.id(null)).isInstanceOf(InvalidTenantKeyException.class);
    assertThatThrownBy(() -> TenantKey.host(null)).isInstanceOf(InvalidTenantKeyException.class);
    assertThat(TenantKey.host("ACME.app.example:8443").value()).isEqualTo("acme.app.example");
  }
}
