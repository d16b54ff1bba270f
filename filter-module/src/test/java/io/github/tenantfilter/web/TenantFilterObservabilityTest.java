// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.internal.cache.RedisCircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The extension adds the health check and the gauges only where their APIs are. */
class TenantFilterObservabilityTest {

  @Test
  void healthApiPresent_readinessCheckAdded_applicationScoped() {
    Weld weld = new Weld().disableDiscovery()
        .addBeanClasses(TenantFilterRuntime.class, RedisCircuitBreaker.class)
        .addExtension(new TenantFilterObservability());
    try (WeldContainer container = weld.initialize()) {
      var checks = container.select(HealthCheck.class, Readiness.Literal.INSTANCE);
      assertThat(checks.isResolvable()).isTrue();
      assertThat(checks.getHandle().getBean().getScope()).isEqualTo(ApplicationScoped.class);
      assertThat(checks.get().call().getName()).isEqualTo("tenant-filter");
    }
  }

  @Test
  void apiAbsent_notAvailable() {
    ClassLoader withoutMicroProfile = new ClassLoader(null) {};
    assertThat(TenantFilterObservability.available(
        TenantFilterObservability.HEALTH_API, withoutMicroProfile)).isFalse();
    assertThat(TenantFilterObservability.available(
        TenantFilterObservability.METRICS_API, withoutMicroProfile)).isFalse();
    ClassLoader ours = TenantFilterObservability.class.getClassLoader();
    assertThat(TenantFilterObservability.available(TenantFilterObservability.HEALTH_API, ours))
        .isTrue();
  }
}
