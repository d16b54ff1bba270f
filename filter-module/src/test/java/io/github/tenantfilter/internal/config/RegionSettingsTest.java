// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.TtlClass;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's region settings: their names, and the check that fails a deployment. */
class RegionSettingsTest {

  private static SettingsReader reader(Map<String, String> values) {
    return new SettingsReader(List.of(SettingSource.ofMap("context-param", values)));
  }

  @Test
  void isRegionSetting_onlyTheThreeSettingsOfAWellFormedRegion() {
    assertThat(RegionSettings.isRegionSetting("tenant-filter.region.plans.ttl")).isTrue();
    assertThat(RegionSettings.isRegionSetting("tenant-filter.region.plans.size")).isTrue();
    assertThat(RegionSettings.isRegionSetting("tenant-filter.region.rate-limits.local-ttl"))
        .isTrue();
    assertThat(RegionSettings.isRegionSetting("tenant-filter.region.plans.tll")).isFalse();
    assertThat(RegionSettings.isRegionSetting("tenant-filter.region.Plans.ttl")).isFalse();
    assertThat(RegionSettings.isRegionSetting("tenant-filter.region.ttl")).isFalse();
  }

  @Test
  void check_badValue_failsNamingSettingAndValue() {
    Map<String, String> values = Map.of("tenant-filter.region.plans.size", "lots");
    assertThatThrownBy(() -> RegionSettings.check(reader(values), values.keySet()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.region.plans.size")
        .hasMessageContaining("\"lots\"");
  }

  @Test
  void check_settingOfAnImpossibleRegion_fails() {
    Map<String, String> values = Map.of("tenant-filter.region.Plans_2.ttl", "LONG");
    assertThatThrownBy(() -> RegionSettings.check(reader(values), values.keySet()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.region.Plans_2.ttl");
  }

  @Test
  void check_goodValues_andOtherNames_pass() {
    Map<String, String> values = Map.of(
        "tenant-filter.region.plans.ttl", "LONG",
        "tenant-filter.region.sessions.ttl", "session",
        "tenant-filter.region.limits.ttl", "90s",
        "tenant-filter.region.limits.local-ttl", "500ms",
        "tenant-filter.region.limits.size", "20",
        "tenant-filter.base-domains", "app.example");
    SettingsReader reader = reader(values);
    assertThatCode(() -> RegionSettings.check(reader, values.keySet()))
        .doesNotThrowAnyException();
    // and the values checked are the values applied
    RegionSpec limits = RegionSettings.apply(reader, "limits", RegionSpec.of(TtlClass.LONG));
    assertThat(limits.ttl()).isEqualTo(Duration.ofSeconds(90));
    assertThat(limits.localTtl()).isEqualTo(Duration.ofMillis(500));
    assertThat(limits.localSize()).isEqualTo(20);
    assertThat(RegionSettings.apply(reader, "sessions", RegionSpec.ofTtl(Duration.ofMinutes(1)))
        .ttlClass()).contains(TtlClass.SESSION);
  }

  @Test
  void environmentName_ofARegionSetting() {
    assertThat(RegionSettings.ttl("rate-limits").environmentNames())
        .containsExactly("TENANT_FILTER_REGION_RATE_LIMITS_TTL");
  }
}
