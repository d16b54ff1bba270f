// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.internal.config.InvalidSettingException;
import io.github.tenantfilter.internal.config.SettingSource;
import io.github.tenantfilter.internal.config.SettingsReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StatsPageConfigTest {

  private static StatsPageConfig read(Map<String, String> values) {
    return StatsPageConfig.read(
        new SettingsReader(List.of(SettingSource.ofMap("context-param", values))));
  }

  @Test
  void read_nothingSet_offWithDocumentedDefaults() {
    StatsPageConfig config = read(Map.of());
    assertThat(config.enabled()).isFalse();
    assertThat(config.path()).isEqualTo("/tenant-filter/stats");
    assertThat(config.jsonPath()).isEqualTo("/tenant-filter/stats.json");
    assertThat(config.role()).isEqualTo("tenant-filter-admin");
    assertThat(config.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.history()).isEqualTo(360);
    assertThat(config.top()).isEqualTo(10);
    assertThat(config.tracked()).isEqualTo(100);
  }

  @Test
  void read_allSet_used() {
    StatsPageConfig config = read(Map.of(
        "tenant-filter.stats.enabled", "true",
        "tenant-filter.stats.path", " /ops/tenants ",
        "tenant-filter.stats.role", "ops",
        "tenant-filter.stats.interval", "2s",
        "tenant-filter.stats.history", "60",
        "tenant-filter.stats.top", "3"));
    assertThat(config).isEqualTo(
        new StatsPageConfig(true, "/ops/tenants", "ops", Duration.ofSeconds(2), 60, 3));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "tenant-filter.stats.enabled | yes",
      "tenant-filter.stats.path | stats",
      "tenant-filter.stats.path | /",
      "tenant-filter.stats.path | /stats/",
      "tenant-filter.stats.path | /stats/*",
      "tenant-filter.stats.path | /a/../stats",
      "tenant-filter.stats.path | /a b",
      "tenant-filter.stats.role | *",
      "tenant-filter.stats.role | **",
      "tenant-filter.stats.role | admin, ops",
      "tenant-filter.stats.role | '  '",
      "tenant-filter.stats.interval | 0",
      "tenant-filter.stats.interval | 500ms",
      "tenant-filter.stats.interval | 2h",
      "tenant-filter.stats.history | 1",
      "tenant-filter.stats.history | many",
      "tenant-filter.stats.top | 0",
      "tenant-filter.stats.top | 101"})
  void read_invalidValue_failsNamingSettingAndValue(String setting, String value) {
    assertThatThrownBy(() -> read(Map.of(setting, value)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(setting)
        .hasMessageContaining("\"" + value + "\"")
        .hasMessageContaining("context-param");
  }
}
