// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static io.github.tenantfilter.api.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.FakeStore;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantRefused;
import io.github.tenantfilter.api.TenantResolved;
import io.github.tenantfilter.internal.cache.RedisCircuitBreaker;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.testing.FakeHttp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The filter's CDI events in a real Weld container: {@link TenantResolved} for a served request
 * (with the tenant already bound), {@link TenantRefused} with the status, reason and tenant of a
 * refused one; an observer's exception changes no response; nothing is fired, or even made, when
 * no observer is there.
 */
class TenantEventsTest {

  private static final TenantFilterConfig CONFIG = TenantFilterConfig.of(Map.of(
      "tenant-filter.base-domains", "app.example",
      "tenant-filter.status-outcomes", "active=serve,suspended=403,*=403"));

  /** The application's store: acme, and initech suspended. */
  @ApplicationScoped
  public static class Store extends FakeStore {
    public Store() {
      put(tenant("acme", "acme"));
      put(new Tenant("initech", "Initech", "initech", List.of(), "pro", "suspended", "{}", null));
    }
  }

  /** An application's auditing observer; throws for the tenant named "boom" in a header. */
  @ApplicationScoped
  public static class Audit {
    private final List<String> seen = new CopyOnWriteArrayList<>();
    @Inject CurrentTenant current;

    List<String> seen() {
      return seen;
    }

    void resolved(@Observes TenantResolved event) {
      seen.add("resolved " + event.tenant().id() + " bound=" + current.require().id() + " "
          + event.request().getServletPath());
      if (event.request().getHeader("X-Boom") != null) {
        throw new IllegalStateException("an observer's bug");
      }
    }

    void refused(@Observes TenantRefused event) {
      seen.add("refused " + event.status() + " " + event.tenantId().orElse("-") + " "
          + event.reason());
      if (event.request().getHeader("X-Boom") != null) {
        throw new IllegalStateException("an observer's bug");
      }
    }
  }

  private static final AtomicInteger APPLICATION_RAN = new AtomicInteger();
  private static final FilterChain CHAIN = (req, res) -> APPLICATION_RAN.incrementAndGet();

  private static FakeHttp.Response send(TenantFilter filter, FakeHttp.Request request)
      throws Exception {
    FakeHttp.Response response = new FakeHttp.Response();
    filter.doFilter(request, response, CHAIN);
    return response;
  }

  @Nested
  @ExtendWith(WeldJunit5Extension.class)
  class WithObservers {
    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(TenantFilterRuntime.class, RequestTenant.class, CurrentTenantBean.class,
            RedisCircuitBreaker.class, Store.class, Audit.class, TenantFilter.class)
        .activate(RequestScoped.class)
        .build();

    @AfterEach
    void stop() {
      weld.select(TenantFilterRuntime.class).get().stop();
    }

    private TenantFilter started() {
      weld.select(TenantFilterRuntime.class).get().start(CONFIG, getClass().getClassLoader());
      return weld.select(TenantFilter.class).get();
    }

    @Test
    void servedRequest_firesTenantResolved_withTheTenantBound() throws Exception {
      TenantFilter filter = started();
      assertThat(send(filter, FakeHttp.request("acme.app.example", "/orders")).status())
          .isEqualTo(200);
      assertThat(weld.select(Audit.class).get().seen())
          .containsExactly("resolved acme bound=acme /orders");
    }

    @Test
    void refusedRequests_fireTenantRefused_withStatusReasonAndTenant() throws Exception {
      TenantFilter filter = started();
      int ran = APPLICATION_RAN.get();
      assertThat(send(filter, FakeHttp.request("nobody.app.example", "/")).status())
          .isEqualTo(404);
      assertThat(send(filter, FakeHttp.request("bad..host", "/")).status()).isEqualTo(400);
      assertThat(send(filter, FakeHttp.request("initech.app.example", "/")).status())
          .isEqualTo(403);
      List<String> seen = weld.select(Audit.class).get().seen();
      assertThat(seen).hasSize(3);
      assertThat(seen.get(0)).isEqualTo("refused 404 - Not Found: unknown tenant");
      assertThat(seen.get(1)).startsWith("refused 400 - Bad Request: ");
      assertThat(seen.get(2)).isEqualTo("refused 403 initech Forbidden: tenant not active");
      assertThat(APPLICATION_RAN.get()).as("the application never ran").isEqualTo(ran);
    }

    @Test
    void observerThrows_responseUnchanged() throws Exception {
      TenantFilter filter = started();
      int ran = APPLICATION_RAN.get();
      FakeHttp.Request served = FakeHttp.request("acme.app.example", "/");
      served.header("X-Boom", "1");
      assertThat(send(filter, served).status()).isEqualTo(200);
      assertThat(APPLICATION_RAN.get()).isEqualTo(ran + 1);
      FakeHttp.Request refused = FakeHttp.request("nobody.app.example", "/");
      refused.header("X-Boom", "1");
      FakeHttp.Response response = send(filter, refused);
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.body()).isEqualTo("Not Found: unknown tenant\n");
    }
  }

  @Nested
  @ExtendWith(WeldJunit5Extension.class)
  class WithoutObservers {
    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(TenantFilterRuntime.class, RequestTenant.class, CurrentTenantBean.class,
            RedisCircuitBreaker.class, Store.class, TenantFilter.class)
        .activate(RequestScoped.class)
        .build();

    @AfterEach
    void stop() {
      weld.select(TenantFilterRuntime.class).get().stop();
    }

    @Test
    void noObserver_nothingFired_afterTheFirstLookFromTheBeanManager() throws Exception {
      weld.select(TenantFilterRuntime.class).get().start(CONFIG, getClass().getClassLoader());
      TenantFilter filter = weld.select(TenantFilter.class).get();
      assertThat(send(filter, FakeHttp.request("acme.app.example", "/")).status()).isEqualTo(200);
      assertThat(send(filter, FakeHttp.request("nobody.app.example", "/")).status())
          .isEqualTo(404);
      assertThat(filter.resolvedObserved).isFalse();
      assertThat(filter.refusedObserved).isFalse();
    }
  }
}
