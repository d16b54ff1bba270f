// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MicroProfile Config source with a real implementation (SmallRye Config, as in WildFly),
 * reading {@code META-INF/microprofile-config.properties} from the test class path.
 */
class MicroProfileConfigSettingsTest {

  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void standard_microProfileConfigPresent_isRead() {
    assertThat(MicroProfileSettingSource.find(loader)).isPresent();
    TenantFilterConfig config =
        TenantFilterConfig.read(SettingsReader.standard(Map.of(), Map.of(), loader));
    assertThat(config.negativeCacheTtl()).isEqualTo(Duration.ofSeconds(45));
    assertThat(SettingsReader.standard(Map.of(), Map.of(), loader)
            .origin(Settings.NEGATIVE_CACHE_TTL))
        .startsWith("MicroProfile Config (").endsWith("ordinal 100)");
  }

  @Test
  void standard_webXmlBeatsPackagedMicroProfileConfigProperties() {
    TenantFilterConfig config =
        TenantFilterConfig.read(
            SettingsReader.standard(
                Map.of("tenant-filter.retry-after", "3"),
                Map.of("tenant-filter.negative-cache.ttl", "12"),
                loader));
    assertThat(config.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.negativeCacheTtl()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void standard_systemPropertyReadThroughMicroProfileConfig_beatsContextParam() {
    System.setProperty("tenant-filter.local-cache.size", "321");
    try {
      TenantFilterConfig config = TenantFilterConfig.read(SettingsReader.standard(
          Map.of(), Map.of("tenant-filter.local-cache.size", "123"), loader));
      assertThat(config.localCacheSize()).isEqualTo(321);
    } finally {
      System.clearProperty("tenant-filter.local-cache.size");
    }
  }

  @Test
  void find_noMicroProfileConfigOnClassPath_isEmpty() {
    ClassLoader bare = new ClassLoader(null) {};
    assertThat(MicroProfileSettingSource.find(bare)).isEmpty();
  }
}
