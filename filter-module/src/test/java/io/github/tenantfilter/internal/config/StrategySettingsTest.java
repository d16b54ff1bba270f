// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategySettingsTest {

  @Test
  void pathPrefix_andDefaultTenant_parse() {
    TenantFilterConfig config = TenantFilterConfig.of(Map.of("tenant-filter.path.prefix",
        " /api/t ", "tenant-filter.path.forward", "true", "tenant-filter.default-tenant", "acme"));
    assertThat(config.pathPrefix()).isEqualTo("/api/t");
    assertThat(config.pathForward()).isTrue();
    assertThat(config.defaultTenant()).isEqualTo("acme");
    TenantFilterConfig off = TenantFilterConfig.of(Map.of());
    assertThat(off.pathPrefix()).isNull();
    assertThat(off.pathForward()).isFalse();
    assertThat(off.defaultTenant()).isNull();
  }

  @Test
  void badPathPrefix_failsNamingTheSettingAndValue() {
    for (String bad : new String[] {"t", "/", "/t/", "/t//x", "/../t", "/t/.", "/t*", "/t?x",
        "/t x", "/t;x"}) {
      assertThatThrownBy(
              () -> TenantFilterConfig.of(Map.of("tenant-filter.path.prefix", bad)))
          .as(bad).isInstanceOf(InvalidSettingException.class)
          .hasMessageContaining("tenant-filter.path.prefix")
          .hasMessageContaining(bad);
    }
  }

  @Test
  void badDefaultTenant_failsNamingTheSettingAndValue() {
    for (String bad : new String[] {"-acme", "ac me", "acme/x", "\u0430cme"}) {
      assertThatThrownBy(
              () -> TenantFilterConfig.of(Map.of("tenant-filter.default-tenant", bad)))
          .as(bad).isInstanceOf(InvalidSettingException.class)
          .hasMessageContaining("tenant-filter.default-tenant")
          .hasMessageContaining(bad);
    }
  }
}
