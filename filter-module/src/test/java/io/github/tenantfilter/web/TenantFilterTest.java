// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static io.github.tenantfilter.api.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.FakeStore;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.context.TenantThreadContext;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.testing.FakeHttp;
import io.github.tenantfilter.testing.MutableClock;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.mockito.Mockito;

class TenantFilterTest {

  private final FakeStore store =
      new FakeStore().put(tenant("acme", "acme", "acme-corp.example"));
  private final TenantFilterRuntime runtime = new TenantFilterRuntime();
  private final TenantFilter filter = new TenantFilter();
  private final FakeHttp.Response recorded = new FakeHttp.Response();
  private final HttpServletResponse response = recorded;
  private final AtomicReference<Optional<Tenant>> seenByApp = new AtomicReference<>();
  private final FilterChain chain =
      (req, res) -> seenByApp.set(CurrentTenant.of(req));

  TenantFilterTest() {
    filter.runtime = runtime;
    filter.requestTenant = new RequestTenant();
  }

  private void start(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(Map.of("tenant-filter.base-domains", "app.example"));
    all.putAll(settings);
    runtime.start(TenantFilterConfig.of(all), store, new MutableClock());
  }

  @AfterEach
  void stop() {
    runtime.stop();
  }

  private static FakeHttp.Request request(String host, String path) {
    return FakeHttp.request(host, path);
  }

  @Test
  void doFilter_knownSubdomain_bindsTenantForApplication() throws Exception {
    start(Map.of());
    filter.doFilter(request("acme.app.example", "/api/whoami"), response, chain);
    assertThat(seenByApp.get()).map(Tenant::id).contains("acme");
    assertThat(filter.requestTenant.get()).map(Tenant::id).contains("acme");
    assertThat(recorded.status()).isEqualTo(200);
  }

  @Test
  void doFilter_bindsTheTenantToTheThread_forTheChainOnly_evenWhenItThrows() throws Exception {
    start(Map.of("tenant-filter.exclude-paths", "/health"));
    AtomicReference<Optional<Tenant>> onThread = new AtomicReference<>();
    FilterChain throwing = (req, res) -> {
      onThread.set(TenantThreadContext.current());
      throw new ServletException("the application failed");
    };
    assertThatThrownBy(() -> filter.doFilter(request("acme.app.example", "/"), response, throwing))
        .isInstanceOf(ServletException.class);
    assertThat(onThread.get()).map(Tenant::id).contains("acme");
    assertThat(TenantThreadContext.current()).isNull();

    // an excluded path runs knowing it has no tenant, not with whatever the thread had
    Optional<Tenant> stale = TenantThreadContext.enter(Optional.of(tenant("globex", "globex")));
    try {
      filter.doFilter(request("acme.app.example", "/health"), response,
          (req, res) -> onThread.set(TenantThreadContext.current()));
      assertThat(onThread.get()).isEmpty();
      assertThat(TenantThreadContext.current()).map(Tenant::id).contains("globex");
    } finally {
      TenantThreadContext.restore(stale);
    }
  }

  /** A verified token, as MicroProfile JWT makes it the principal, naming {@code tenant}. */
  private static JsonWebToken token(Object tenant) {
    JsonWebToken token = mock(JsonWebToken.class);
    when(token.getClaim("tenant")).thenReturn(tenant);
    return token;
  }

  @Test
  void jwtClaim_namesTheTenantWhereNothingElseDoes_andMustMatchWhereSomethingDoes()
      throws Exception {
    store.put(tenant("globex", "globex"));
    start(Map.of("tenant-filter.jwt.claim", "tenant"));
    // the apex names no tenant: the token does
    filter.doFilter(request("app.example", "/").principal(token("acme")), response, chain);
    assertThat(seenByApp.get()).map(Tenant::id).contains("acme");

    // the host names acme, the token acme: served
    seenByApp.set(null);
    filter.doFilter(request("acme.app.example", "/").principal(token("acme")), response, chain);
    assertThat(seenByApp.get()).map(Tenant::id).contains("acme");
  }

  @Test
  void jwtClaim_ofAnotherTenant_is403_andATokenWithoutOne403() throws Exception {
    store.put(tenant("globex", "globex"));
    start(Map.of("tenant-filter.jwt.claim", "tenant"));
    filter.doFilter(request("acme.app.example", "/").principal(token("globex")), response, chain);
    assertThat(recorded.status()).isEqualTo(403);
    assertThat(recorded.body()).isEqualTo("Forbidden: not a member of this tenant\n");
    assertThat(seenByApp.get()).isNull();
    for (Object bad : new Object[] {null, "", "../acme", 42, "acme globex"}) {
      FakeHttp.Response answer = new FakeHttp.Response();
      filter.doFilter(request("acme.app.example", "/").principal(token(bad)), answer, chain);
      assertThat(answer.status()).as(String.valueOf(bad)).isEqualTo(403);
      assertThat(answer.body()).isEqualTo("Forbidden: the token names no tenant\n");
    }
    assertThat(seenByApp.get()).isNull();
  }

  @Test
  void jwtClaim_withoutAToken_resolvesAsBefore_andAnotherPrincipalIsNoToken() throws Exception {
    start(Map.of("tenant-filter.jwt.claim", "tenant"));
    filter.doFilter(request("acme.app.example", "/"), response, chain);
    assertThat(seenByApp.get()).map(Tenant::id).contains("acme");
    FakeHttp.Response answer = new FakeHttp.Response();
    filter.doFilter(request("app.example", "/").principal(() -> "acme"), answer, chain);
    assertThat(answer.status()).isEqualTo(404);
  }


  @Test
  void logMdc_holdsTheTenantIdForTheRequest_andWhatWasThereAfter() throws Exception {
    start(Map.of("tenant-filter.log.mdc", "tenant"));
    AtomicReference<String> logged = new AtomicReference<>();
    org.slf4j.MDC.put("tenant", "before");
    try {
      filter.doFilter(request("acme.app.example", "/"), response,
          (req, res) -> logged.set(org.slf4j.MDC.get("tenant")));
      assertThat(logged.get()).isEqualTo("acme");
      assertThat(org.slf4j.MDC.get("tenant")).isEqualTo("before");
    } finally {
      org.slf4j.MDC.remove("tenant");
    }
  }

  @Test
  void logMdc_requestWithoutTenant_putsNothingThere() throws Exception {
    start(Map.of("tenant-filter.log.mdc", "tenant", "tenant-filter.unknown-tenant", "pass"));
    AtomicReference<String> logged = new AtomicReference<>("unset");
    filter.doFilter(request("nobody.app.example", "/"), new FakeHttp.Response(),
        (req, res) -> logged.set(org.slf4j.MDC.get("tenant")));
    assertThat(logged.get()).isNull();
    assertThat(org.slf4j.MDC.get("tenant")).isNull();
  }


  @Test
  void pathSegment_onTheHostOfAnotherTenant_is400_onItsOwnOrAnUnknownHostServed()
      throws Exception {
    store.put(tenant("globex", "globex"));
    start(Map.of("tenant-filter.path.prefix", "/t"));
    filter.doFilter(request("acme.app.example", "/t/globex/orders"), response, chain);
    assertThat(recorded.status()).isEqualTo(400);
    assertThat(recorded.body())
        .isEqualTo("Bad Request: the path and the host name different tenants\n");
    assertThat(seenByApp.get()).isNull();

    filter.doFilter(request("globex.app.example", "/t/globex/orders"), new FakeHttp.Response(),
        chain);
    assertThat(seenByApp.get()).map(Tenant::id).contains("globex");
    seenByApp.set(null);
    filter.doFilter(request("nobody.app.example", "/t/acme/orders"), new FakeHttp.Response(),
        chain);
    assertThat(seenByApp.get()).map(Tenant::id).contains("acme");
  }


  @Test
  void doFilter_knownCustomDomain_bindsTenant() throws Exception {
    start(Map.of());
    filter.doFilter(request("ACME-CORP.example:443", "/"), response, chain);
    assertThat(seenByApp.get()).map(Tenant::id).contains("acme");
  }

  @Test
  void doFilter_unknownTenant_returns404() throws Exception {
    start(Map.of());
    filter.doFilter(request("nobody.app.example", "/api/whoami"), response, chain);
    assertThat(recorded.status()).isEqualTo(404);
    assertThat(recorded.header("Cache-Control")).isEqualTo("no-store");
    assertThat(recorded.header("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
    assertThat(recorded.body()).isEqualTo("Not Found: unknown tenant\n");
    assertThat(recorded.sentError()).isFalse();
    assertThat(seenByApp.get()).isNull();
  }

  @Test
  void doFilter_unknownTenantWithPass_runsAppWithoutTenant() throws Exception {
    start(Map.of("tenant-filter.unknown-tenant", "pass"));
    filter.doFilter(request("nobody.app.example", "/"), response, chain);
    assertThat(seenByApp.get()).isEmpty();
    assertThat(recorded.status()).isEqualTo(200);
  }

  @Test
  void doFilter_apexOfBaseDomain_isUnknownTenant() throws Exception {
    start(Map.of());
    filter.doFilter(request("app.example", "/"), response, chain);
    assertThat(recorded.status()).isEqualTo(404);
    assertThat(store.queries()).isZero();
  }

  @Test
  void doFilter_malformedHost_returns400WithoutLookup() throws Exception {
    start(Map.of());
    filter.doFilter(request("acme.app.example/../x", "/"), response, chain);
    assertThat(recorded.status()).isEqualTo(400);
    assertThat(store.queries()).isZero();
    assertThat(seenByApp.get()).isNull();
  }

  @Test
  void doFilter_missingHost_returns400() throws Exception {
    start(Map.of());
    filter.doFilter(request(null, "/"), response, chain);
    assertThat(recorded.status()).isEqualTo(400);
  }

  @Test
  void doFilter_storeDownNothingCached_returns503WithRetryAfter() throws Exception {
    start(Map.of("tenant-filter.retry-after", "7"));
    store.down(true);
    filter.doFilter(request("acme.app.example", "/"), response, chain);
    assertThat(recorded.header("Retry-After")).isEqualTo("7");
    assertThat(recorded.status()).isEqualTo(503);
    assertThat(seenByApp.get()).isNull();
  }

  @Test
  void doFilter_bugInLookup_returns503Not500() throws Exception {
    FakeStore broken =
        new FakeStore() {
          @Override
          public Optional<Tenant> findBySubdomain(String subdomain) {
            throw new NullPointerException("a bug");
          }
        };
    runtime.start(
        TenantFilterConfig.of(Map.of("tenant-filter.base-domains", "app.example")),
        broken,
        new MutableClock());
    filter.doFilter(request("acme.app.example", "/"), response, chain);
    assertThat(recorded.status()).isEqualTo(503);
  }

  @Test
  void doFilter_excludedPath_runsAppWithoutLookup() throws Exception {
    start(Map.of("tenant-filter.exclude-paths", "/api/health"));
    filter.doFilter(request("nobody.app.example", "/api/health"), response, chain);
    assertThat(seenByApp.get()).isEmpty();
    assertThat(store.queries()).isZero();
    assertThat(recorded.status()).isEqualTo(200);
  }

  @Test
  void doFilter_laterDispatchOfSameRequest_resolvesOnce() throws Exception {
    start(Map.of());
    HttpServletRequest request = request("acme.app.example", "/");
    filter.doFilter(request, response, chain);
    filter.requestTenant = new RequestTenant(); // e.g. an async dispatch's fresh bean
    filter.doFilter(request, response, chain); // forward / error / async dispatch
    assertThat(runtime.getCacheStats().lookups()).isEqualTo(1);
    assertThat(seenByApp.get()).map(Tenant::id).contains("acme");
    assertThat(filter.requestTenant.get()).map(Tenant::id).contains("acme");
  }

  @Test
  @SuppressWarnings("unchecked")
  void doFilter_asyncDispatchWithoutRequestContext_activatesOneForTheDispatch() throws Exception {
    start(Map.of());
    FakeHttp.Request request = request("acme.app.example", "/");
    filter.doFilter(request, response, chain);

    RequestContextController controller = mock(RequestContextController.class);
    when(controller.activate()).thenReturn(true); // none was active: this call started one
    filter.requestContexts = mock(Instance.class);
    when(filter.requestContexts.get()).thenReturn(controller);
    request.dispatcherType(DispatcherType.ASYNC);

    filter.doFilter(request, response, chain);

    InOrder order = Mockito.inOrder(controller);
    order.verify(controller).activate();
    order.verify(controller).deactivate();
    Mockito.verify(filter.requestContexts).destroy(controller);
    assertThat(seenByApp.get()).map(Tenant::id).contains("acme");
  }

  @Test
  @SuppressWarnings("unchecked")
  void doFilter_forwardDispatch_leavesRequestContextAlone() throws Exception {
    start(Map.of());
    FakeHttp.Request request = request("acme.app.example", "/");
    filter.doFilter(request, response, chain);
    filter.requestContexts = mock(Instance.class);
    request.dispatcherType(DispatcherType.FORWARD);

    filter.doFilter(request, response, chain);

    Mockito.verify(filter.requestContexts, Mockito.never()).get();
  }

  @Test
  void doFilter_disabled_passesEverythingThrough() throws Exception {
    runtime.start(
        TenantFilterConfig.of(Map.of("tenant-filter.enabled", "false")),
        getClass().getClassLoader());
    filter.doFilter(request("not a host", "/"), response, chain);
    assertThat(seenByApp.get()).isEmpty();
    assertThat(recorded.status()).isEqualTo(200);
  }

  @Test
  void doFilter_headerStrategy_resolvesById() throws Exception {
    start(Map.of("tenant-filter.header", "X-Tenant-Id"));
    FakeHttp.Request request = request("app.example", "/").header("X-Tenant-Id", "acme");
    filter.doFilter(request, response, chain);
    assertThat(seenByApp.get()).map(Tenant::id).contains("acme");
  }

  @Test
  void doFilter_errorResponseContainer_usesSendError() throws Exception {
    start(Map.of("tenant-filter.error-response", "container"));
    filter.doFilter(request("nobody.app.example", "/"), response, chain);
    assertThat(recorded.sentError()).isTrue();
    assertThat(recorded.status()).isEqualTo(404);
  }

  @Test
  void doFilter_rejection_neverEchoesClientInput() throws Exception {
    start(Map.of());
    filter.doFilter(request("<script>x</script>.app.example", "/"), response, chain);
    assertThat(recorded.status()).isEqualTo(400);
    assertThat(recorded.body()).doesNotContain("script");
  }

  @Test
  void invalidateTenantCache_beforeStart_failsClearly() {
    TenantFilterRuntime notStarted = new TenantFilterRuntime();
    Assertions.assertThatThrownBy(
            () -> notStarted.invalidateTenantCache("acme"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has not started");
  }
}
