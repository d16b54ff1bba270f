// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static io.github.tenantfilter.api.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.tenantfilter.api.FakeStore;
import io.github.tenantfilter.internal.config.InvalidSettingException;
import io.github.tenantfilter.internal.config.SettingSource;
import io.github.tenantfilter.internal.config.SettingsReader;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.testing.FakeHttp;
import io.github.tenantfilter.testing.MutableClock;
import io.github.tenantfilter.web.stats.StatsCollector;
import io.github.tenantfilter.web.stats.TopTenants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity.EmptyRoleSemantic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class StatsPageTest {

  private final TenantFilterRuntime runtime = new TenantFilterRuntime();
  private final ServletContext context = mock(ServletContext.class);
  private final ServletRegistration.Dynamic registration = mock(ServletRegistration.Dynamic.class);

  StatsPageTest() {
    when(context.getContextPath()).thenReturn("/shop");
    when(context.addServlet(anyString(), any(Servlet.class))).thenReturn(registration);
    when(registration.addMapping(any(String[].class))).thenReturn(Set.of());
    when(registration.setServletSecurity(any())).thenReturn(Set.of());
  }

  private void start(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(Map.of("tenant-filter.base-domains", "app.example"));
    all.putAll(settings);
    runtime.start(TenantFilterConfig.of(all),
        new FakeStore().put(tenant("acme", "acme")), new MutableClock());
    StatsPage.register(runtime, context,
        new SettingsReader(List.of(SettingSource.ofMap("context-param", all))), true);
  }

  @AfterEach
  void stop() {
    runtime.stop();
  }

  @Test
  void register_offByDefault_noServlet() {
    start(Map.of());
    verify(context, never()).addServlet(anyString(), any(Servlet.class));
    assertThat(runtime.engine().stats).isNull();
  }

  @Test
  void register_enabled_servletAtPathAndJsonBehindTheRole() {
    start(Map.of("tenant-filter.stats.enabled", "true", "tenant-filter.stats.role", "ops"));
    verify(context).addServlet(anyString(), any(Servlet.class));
    verify(registration).addMapping("/tenant-filter/stats", "/tenant-filter/stats.json");
    verify(context).declareRoles("ops");
    ArgumentCaptor<ServletSecurityElement> security =
        ArgumentCaptor.forClass(ServletSecurityElement.class);
    verify(registration).setServletSecurity(security.capture());
    assertThat(security.getValue().getEmptyRoleSemantic()).isEqualTo(EmptyRoleSemantic.PERMIT);
    assertThat(security.getValue().getRolesAllowed()).containsExactly("ops");
    assertThat(security.getValue().getHttpMethodConstraints()).isEmpty();
    assertThat(runtime.engine().stats).isNotNull();
  }

  @Test
  void register_pathTaken_failsNamingTheSetting() {
    when(registration.addMapping(any(String[].class))).thenReturn(Set.of("/ops"));
    assertThatThrownBy(() -> start(Map.of(
        "tenant-filter.stats.enabled", "true", "tenant-filter.stats.path", "/ops")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.stats.path is /ops");
    assertThat(runtime.engine().stats).isNull();
  }

  @Test
  void register_notFromTheListener_noServlet() {
    Map<String, String> all = Map.of("tenant-filter.stats.enabled", "true");
    runtime.start(TenantFilterConfig.of(all), new FakeStore(), new MutableClock());
    StatsPage.register(runtime, context,
        new SettingsReader(List.of(SettingSource.ofMap("context-param", all))), false);
    verify(context, never()).addServlet(anyString(), any(Servlet.class));
  }

  @Test
  void filter_statsPathNeedsNoTenant_tenantRequestsCounted() throws Exception {
    start(Map.of("tenant-filter.stats.enabled", "true"));
    TenantFilter filter = new TenantFilter();
    filter.runtime = runtime;
    filter.requestTenant = new RequestTenant();
    AtomicInteger reached = new AtomicInteger();
    FilterChain chain = (req, res) -> reached.incrementAndGet();
    for (int i = 0; i < 3; i++) {
      filter.doFilter(FakeHttp.request("acme.app.example", "/api"),
          new FakeHttp.Response(), chain);
    }
    FakeHttp.Response unknown = new FakeHttp.Response();
    filter.doFilter(FakeHttp.request("nobody.app.example", "/api"), unknown, chain);
    assertThat(unknown.status()).isEqualTo(404);
    // the page and its JSON on a host that is no tenant: reach the servlet
    filter.doFilter(FakeHttp.request("app.example", "/tenant-filter/stats"),
        new FakeHttp.Response(), chain);
    filter.doFilter(FakeHttp.request("app.example", "/tenant-filter/stats.json"),
        new FakeHttp.Response(), chain);
    assertThat(reached).hasValue(5);
    StatsCollector stats = runtime.engine().stats;
    assertThat(stats.topTenants()).containsExactly(new TopTenants.Entry("acme", 3, 0));
    assertThat(runtime.getCacheStats().lookups()).isEqualTo(4);
  }

  @Test
  void stop_stopsTheSamplingThread() throws InterruptedException {
    start(Map.of("tenant-filter.stats.enabled", "true"));
    assertThat(samplingThreads()).isEqualTo(1);
    runtime.stop();
    for (int i = 0; i < 500 && samplingThreads() > 0; i++) {
      Thread.sleep(10); // the worker has left its loop; its thread ends just after
    }
    assertThat(samplingThreads()).isZero();
  }

  private static long samplingThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(StatsCollector.THREAD_NAME) && t.isAlive()).count();
  }
}
