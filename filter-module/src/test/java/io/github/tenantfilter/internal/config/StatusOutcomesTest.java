// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusOutcomesTest {

  @Test
  void defaults_serveActiveOnly() {
    StatusOutcomes outcomes = StatusOutcomes.parse(Settings.STATUS_OUTCOMES.defaultValue());
    assertThat(outcomes.outcome("active")).isEqualTo(StatusOutcomes.SERVE);
    assertThat(outcomes.outcome("ACTIVE")).isEqualTo(StatusOutcomes.SERVE);
    assertThat(outcomes.outcome("suspended")).isEqualTo(403);
    assertThat(outcomes.outcome("deleted")).isEqualTo(410);
    assertThat(outcomes.outcome("trial-expired")).isEqualTo(403);
    assertThat(outcomes.outcome("")).isEqualTo(403);
  }

  @Test
  void withoutStar_unlistedStatusesAre403() {
    StatusOutcomes outcomes = StatusOutcomes.parse("active=serve, trial=serve, locked=423");
    assertThat(outcomes.outcome("trial")).isEqualTo(StatusOutcomes.SERVE);
    assertThat(outcomes.outcome("locked")).isEqualTo(423);
    assertThat(outcomes.outcome("whatever")).isEqualTo(403);
  }

  @Test
  void parse_badEntries_areRefusedNamingThem() {
    assertThatThrownBy(() -> StatusOutcomes.parse("active=serve,suspended=500"))
        .hasMessageContaining("\"suspended=500\"");
    assertThatThrownBy(() -> StatusOutcomes.parse("active")).hasMessageContaining("\"active\"");
    assertThatThrownBy(() -> StatusOutcomes.parse("active=serve,active=403"))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> StatusOutcomes.parse("suspended=403"))
        .hasMessageContaining("no status is served");
  }

  @Test
  void setting_badValue_failsNamingSettingAndValue() {
    assertThatThrownBy(() -> TenantFilterConfig.of(
            Map.of("tenant-filter.status-outcomes", "active=serve,x=999")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.status-outcomes")
        .hasMessageContaining("x=999");
  }
}
