// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static io.github.tenantfilter.api.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.api.CacheRegion;
import io.github.tenantfilter.api.CacheRegions;
import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.FakeStore;
import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.RegionStats;
import io.github.tenantfilter.api.RegionView;
import io.github.tenantfilter.api.TenantCache;
import io.github.tenantfilter.api.TtlClass;
import io.github.tenantfilter.internal.cache.RedisCircuitBreaker;
import io.github.tenantfilter.internal.config.InvalidSettingException;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.resolve.LookupKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Produces;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.mockito.Mockito;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The CDI side, in a real Weld container: the beans an application injects, and the store SPI. */
class CdiWiringTest {

  private static final TenantFilterConfig CONFIG =
      TenantFilterConfig.of(Map.of("tenant-filter.base-domains", "app.example"));

  /** An application's own store, replacing the JDBC one. */
  @ApplicationScoped
  public static class AppStore extends FakeStore {
    public AppStore() {
      put(tenant("acme", "acme"));
    }
  }

  /** A second one, to make the choice ambiguous. */
  @ApplicationScoped
  public static class OtherStore extends FakeStore {}

  @Nested
  @ExtendWith(WeldJunit5Extension.class)
  class WithApplicationStore {
    @WeldSetup
    WeldInitiator weld =
        WeldInitiator.from(
                TenantFilterRuntime.class, RequestTenant.class, CurrentTenantBean.class, RedisCircuitBreaker.class,
                AppStore.class, TenantFilterRegions.class)
            .build();

    @AfterEach
    void stop() {
      weld.select(TenantFilterRuntime.class).get().stop();
    }

    @Test
    void start_applicationStoreBean_isUsedInsteadOfJdbc() {
      TenantFilterRuntime runtime = weld.select(TenantFilterRuntime.class).get();
      runtime.start(CONFIG, getClass().getClassLoader());
      assertThat(runtime.engine().lookup.find(LookupKey.subdomain("acme"))).isPresent();
      assertThat(weld.select(AppStore.class).get().queries()).isEqualTo(1);
    }

    @Test
    void tenantCache_injectable_isTheRuntime() {
      TenantFilterRuntime runtime = weld.select(TenantFilterRuntime.class).get();
      runtime.start(CONFIG, getClass().getClassLoader());
      TenantCache cache = weld.select(TenantCache.class).get();
      runtime.engine().lookup.find(LookupKey.subdomain("acme"));
      assertThat(cache.getCacheStats().lookups()).isEqualTo(1);
      cache.invalidateTenantCache("acme");
      runtime.engine().lookup.find(LookupKey.subdomain("acme"));
      assertThat(weld.select(AppStore.class).get().queries()).isEqualTo(2);
    }

    @Test
    void cacheRegions_injectable_listsTheTenantCacheAndCreatesRegions() {
      CacheRegions regions =
          weld.select(CacheRegions.class).get();
      assertThatThrownBy(regions::regions).isInstanceOf(IllegalStateException.class);
      TenantFilterRuntime runtime = weld.select(TenantFilterRuntime.class).get();
      runtime.start(CONFIG, getClass().getClassLoader());

      CacheRegion<String> plans = regions.region("plans",
          RegionSpec.of(TtlClass.LONG));
      assertThat(plans.get("pro", key -> "loaded " + key)).isEqualTo("loaded pro");
      runtime.engine().lookup.find(LookupKey.subdomain("acme"));

      assertThat(regions.regions()).extracting(RegionView::name)
          .containsExactly("tenant", "plans");
      RegionStats tenant =
          regions.find("tenant").orElseThrow().stats();
      assertThat(tenant.gets()).isEqualTo(1);
      assertThat(tenant.ttl()).isEqualTo(CONFIG.redisTtl());
      assertThat(tenant.localCapacity()).isEqualTo(CONFIG.localCacheSize());
      regions.find("tenant").orElseThrow().invalidate("acme");
      runtime.engine().lookup.find(LookupKey.subdomain("acme"));
      assertThat(weld.select(AppStore.class).get().queries()).isEqualTo(2);

      runtime.stop(); // the application stops: its regions go with it
      assertThatThrownBy(regions::regions).isInstanceOf(IllegalStateException.class);
      assertThat(plans.get("pro", key -> "after stop")).isEqualTo("after stop");
    }

    @Test
    void currentTenant_injectable_endsWithItsRequest() {
      RequestContextController control = weld.select(RequestContextController.class).get();
      CurrentTenant current = weld.select(CurrentTenant.class).get();
      RequestTenant holder = weld.select(RequestTenant.class).get();

      control.activate();
      holder.bind(tenant("acme", "acme"));
      assertThat(current.require().id()).isEqualTo("acme");
      control.deactivate();

      // the next request starts empty: nothing outlives a request
      control.activate();
      assertThat(current.get()).isEmpty();
      control.deactivate();
    }
  }

  /**
   * The container's request-scoped {@code HttpServletRequest} bean, as Payara and WildFly have
   * it: each request gets its own, carrying the attribute {@link #NEXT_TENANT} holds.
   */
  @ApplicationScoped
  public static class ServletRequests {
    static final AtomicReference<Object> NEXT_TENANT = new AtomicReference<>();

    @Produces
    @RequestScoped
    HttpServletRequest request() {
      HttpServletRequest request = Mockito.mock(HttpServletRequest.class);
      Object tenant = NEXT_TENANT.get();
      Mockito.when(request.getAttribute(CurrentTenant.REQUEST_ATTRIBUTE)).thenReturn(tenant);
      return request;
    }
  }

  @Nested
  @ExtendWith(WeldJunit5Extension.class)
  class WithServletRequestBean {
    @WeldSetup
    WeldInitiator weld =
        WeldInitiator.from(
                TenantFilterRuntime.class, RequestTenant.class, CurrentTenantBean.class, RedisCircuitBreaker.class,
                AppStore.class, ServletRequests.class)
            .build();

    @Test
    void currentTenant_readsTheServletRequestsAttribute_withoutBinding() {
      RequestContextController control = weld.select(RequestContextController.class).get();
      CurrentTenant current = weld.select(CurrentTenant.class).get();

      // RequestTenant finds the container's request through the application-scoped runtime
      // (issue 20: an Instance injected into every request's RequestTenant was its largest cost)
      ServletRequests.NEXT_TENANT.set(tenant("acme", "acme"));
      control.activate();
      assertThat(current.require().id()).isEqualTo("acme");
      control.deactivate();

      ServletRequests.NEXT_TENANT.set(tenant("globex", "globex"));
      control.activate();
      assertThat(current.require().id()).isEqualTo("globex");
      control.deactivate();

      // a request the filter left alone (an excluded path): no tenant
      ServletRequests.NEXT_TENANT.set(null);
      control.activate();
      assertThat(current.get()).isEmpty();
      control.deactivate();
    }

    @Test
    void currentTenant_boundByTheFilter_winsOverTheAttribute() {
      RequestContextController control = weld.select(RequestContextController.class).get();
      CurrentTenant current = weld.select(CurrentTenant.class).get();
      RequestTenant holder = weld.select(RequestTenant.class).get();

      ServletRequests.NEXT_TENANT.set(tenant("acme", "acme"));
      control.activate();
      holder.bind(tenant("globex", "globex"));
      assertThat(current.require().id()).isEqualTo("globex");
      control.deactivate();
      ServletRequests.NEXT_TENANT.set(null);
    }
  }

  @Nested
  @ExtendWith(WeldJunit5Extension.class)
  class WithTwoStores {
    @WeldSetup
    WeldInitiator weld =
        WeldInitiator.from(
                TenantFilterRuntime.class, RequestTenant.class, CurrentTenantBean.class, RedisCircuitBreaker.class,
                AppStore.class, OtherStore.class)
            .build();

    @Test
    void start_twoStoreBeans_failsNamingBoth() {
      TenantFilterRuntime runtime = weld.select(TenantFilterRuntime.class).get();
      assertThatThrownBy(() -> runtime.start(CONFIG, getClass().getClassLoader()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("several CDI beans implement TenantStore")
          .hasMessageContaining("AppStore")
          .hasMessageContaining("OtherStore");
    }
  }

  @Nested
  @ExtendWith(WeldJunit5Extension.class)
  class WithoutStore {
    @WeldSetup
    WeldInitiator weld =
        WeldInitiator.from(
                TenantFilterRuntime.class, RequestTenant.class, CurrentTenantBean.class, RedisCircuitBreaker.class)
            .build();

    @Test
    void start_redisWithoutFaultTolerance_refusesNamingTheReason() {
      // this container has no Fault Tolerance extension: the annotations are ignored, as on
      // WildFly with plain standalone.xml
      TenantFilterRuntime runtime = weld.select(TenantFilterRuntime.class).get();
      TenantFilterConfig config =
          TenantFilterConfig.of(
              Map.of(
                  "tenant-filter.redis.url", "redis://127.0.0.1:6379",
                  "tenant-filter.jdbc.url", "jdbc:postgresql://127.0.0.1/test"));
      assertThatThrownBy(() -> runtime.start(config, getClass().getClassLoader()))
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageContaining("tenant-filter.redis.url is set")
          .hasMessageContaining("does not apply MicroProfile Fault Tolerance")
          .hasMessageContaining("standalone-microprofile.xml");
    }

    @Test
    void start_noStoreNoDataSourceNoUrl_failsNamingTheSettings() {
      TenantFilterRuntime runtime = weld.select(TenantFilterRuntime.class).get();
      assertThatThrownBy(() -> runtime.start(CONFIG, getClass().getClassLoader()))
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageContaining("tenant-filter.datasource")
          .hasMessageContaining("tenant-filter.jdbc.url");
    }

    @Test
    void start_unknownJndiName_failsNamingSettingAndValue() {
      TenantFilterRuntime runtime = weld.select(TenantFilterRuntime.class).get();
      TenantFilterConfig config =
          TenantFilterConfig.of(Map.of("tenant-filter.datasource", "jdbc/nowhere"));
      assertThatThrownBy(() -> runtime.start(config, getClass().getClassLoader()))
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageContaining("tenant-filter.datasource")
          .hasMessageContaining("jdbc/nowhere");
    }

    @Test
    void start_jdbcUrlWithoutDriver_failsNamingSetting() {
      TenantFilterRuntime runtime = weld.select(TenantFilterRuntime.class).get();
      TenantFilterConfig config =
          TenantFilterConfig.of(Map.of("tenant-filter.jdbc.url", "jdbc:nosuchdb://x/y"));
      assertThatThrownBy(() -> runtime.start(config, getClass().getClassLoader()))
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageContaining("tenant-filter.jdbc.url")
          .hasMessageContaining("no JDBC driver");
    }
  }
}
