// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.TtlClass;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/**
 * The order settings are read in, with a real MicroProfile Config (SmallRye, as in WildFly) built
 * from sources at the ordinals the servers give them: system properties 400, environment 300,
 * the short environment names 301, Payara's domain properties 110, a packaged {@code
 * microprofile-config.properties} 100. {@code web.xml} sits between the last two.
 */
class ConfigOrderTest {

  private static ConfigSource source(String name, int ordinal, Map<String, String> values) {
    return new PropertiesConfigSource(values, name, ordinal);
  }

  private static SettingsReader reader(Map<String, String> contextParams,
      Map<String, String> initParams, ConfigSource... sources) {
    return SettingsReader.ordered(initParams, contextParams, MicroProfileSettingSource.of(
        new SmallRyeConfigBuilder().withSources(sources).build()));
  }

  @Test
  void environmentVariable_overridesContextParam() {
    SettingsReader reader = reader(Map.of("tenant-filter.local-cache.size", "10"), Map.of(),
        new EnvConfigSource(Map.of("TENANT_FILTER_LOCAL_CACHE_SIZE", "20"), 300));
    assertThat(reader.get(Settings.LOCAL_CACHE_SIZE)).isEqualTo(20);
    assertThat(reader.origin(Settings.LOCAL_CACHE_SIZE)).contains("ordinal 300");
  }

  @Test
  void shortEnvironmentName_overridesInitParamAndContextParam() {
    SettingsReader reader = reader(Map.of("tenant-filter.redis.url", "redis://packaged:6379"),
        Map.of("tenant-filter.redis.url", "redis://init:6379"),
        new ShortEnvironmentNames(Map.of("REDIS_URL", "redis://operator:6379")::get));
    assertThat(reader.get(Settings.REDIS_URL)).hasToString("redis://operator:6379");
    assertThat(reader.origin(Settings.REDIS_URL))
        .contains("tenant-filter short environment variables");
  }

  @Test
  void shortEnvironmentName_beatsDerivedName_asWithoutMicroProfile() {
    SettingsReader reader = reader(Map.of(), Map.of(),
        new EnvConfigSource(Map.of("TENANT_FILTER_LOCAL_CACHE_TTL", "7"), 300),
        new ShortEnvironmentNames(Map.of("LOCAL_CACHE_TTL", "9")::get));
    assertThat(reader.get(Settings.LOCAL_CACHE_TTL)).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void adminConsoleProperty_overridesContextParam_environmentOverridesIt() {
    Map<String, String> web = Map.of("tenant-filter.negative-cache.ttl", "11",
        "tenant-filter.retry-after", "2");
    SettingsReader reader = reader(web, Map.of(),
        source("Domain", 110, Map.of("tenant-filter.negative-cache.ttl", "22",
            "tenant-filter.retry-after", "3")),
        new EnvConfigSource(Map.of("TENANT_FILTER_RETRY_AFTER", "4"), 300));
    assertThat(reader.get(Settings.NEGATIVE_CACHE_TTL)).isEqualTo(Duration.ofSeconds(22));
    assertThat(reader.get(Settings.RETRY_AFTER)).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void systemProperty_overridesEnvironment() {
    SettingsReader reader = reader(Map.of("tenant-filter.local-cache.size", "10"), Map.of(),
        new EnvConfigSource(Map.of("TENANT_FILTER_LOCAL_CACHE_SIZE", "20"), 300),
        new ShortEnvironmentNames(Map.of("LOCAL_CACHE_SIZE", "30")::get),
        source("SysPropConfigSource", 400, Map.of("tenant-filter.local-cache.size", "40")));
    assertThat(reader.get(Settings.LOCAL_CACHE_SIZE)).isEqualTo(40);
  }

  @Test
  void contextParam_overridesPackagedProperties_whichFillInTheRest() {
    SettingsReader reader = reader(Map.of("tenant-filter.local-cache.size", "10"), Map.of(),
        source("microprofile-config.properties", 100, Map.of(
            "tenant-filter.local-cache.size", "50", "tenant-filter.retry-after", "6")));
    assertThat(reader.get(Settings.LOCAL_CACHE_SIZE)).isEqualTo(10);
    assertThat(reader.origin(Settings.LOCAL_CACHE_SIZE)).isEqualTo("context-param");
    assertThat(reader.get(Settings.RETRY_AFTER)).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void initParam_overridesContextParam() {
    SettingsReader reader = reader(Map.of("tenant-filter.local-cache.size", "10"),
        Map.of("tenant-filter.local-cache.size", "15"));
    assertThat(reader.get(Settings.LOCAL_CACHE_SIZE)).isEqualTo(15);
  }

  @Test
  void nothingSet_default() {
    SettingsReader reader = reader(Map.of(), Map.of());
    assertThat(reader.get(Settings.LOCAL_CACHE_SIZE)).isEqualTo(1000);
    assertThat(reader.origin(Settings.LOCAL_CACHE_SIZE)).isEqualTo("default");
  }

  @Test
  void seedTtlClassVariable_setsTheClassTtlOfRegions() {
    SettingsReader reader = reader(Map.of(), Map.of(),
        new ShortEnvironmentNames(Map.of("CACHE_TTL_SESSION", "900")::get));
    RegionSpec spec = RegionSettings.apply(reader, "sessions", RegionSpec.of(TtlClass.SESSION));
    assertThat(spec.ttl()).isEqualTo(Duration.ofSeconds(900));
    RegionSpec untouched = RegionSettings.apply(reader, "plans", RegionSpec.of(TtlClass.LONG));
    assertThat(untouched.ttl()).isEqualTo(TtlClass.LONG.ttl());
    assertThat(untouched.ttlClass()).contains(TtlClass.LONG);
  }

  @Test
  void regionTtlSettingNamingAClass_usesTheConfiguredClassTtl() {
    SettingsReader reader = reader(Map.of("tenant-filter.region.plans.ttl", "SHORT"), Map.of(),
        new ShortEnvironmentNames(Map.of("CACHE_TTL_SHORT", "120")::get));
    RegionSpec spec = RegionSettings.apply(reader, "plans", RegionSpec.of(TtlClass.LONG));
    assertThat(spec.ttl()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void withoutMicroProfile_systemPropertyOverridesContextParam() {
    System.setProperty("tenant-filter.negative-cache.ttl", "33");
    try {
      SettingsReader reader = SettingsReader.withoutMicroProfile(Map.of(),
          Map.of("tenant-filter.negative-cache.ttl", "11"));
      assertThat(reader.get(Settings.NEGATIVE_CACHE_TTL)).isEqualTo(Duration.ofSeconds(33));
      assertThat(reader.origin(Settings.NEGATIVE_CACHE_TTL)).isEqualTo("system property");
    } finally {
      System.clearProperty("tenant-filter.negative-cache.ttl");
    }
  }

  @Test
  void shortEnvironmentNames_listsOnlyWhatIsSet() {
    ShortEnvironmentNames source = new ShortEnvironmentNames(
        Map.of("REDIS_CIRCUIT_THRESHOLD", "5", "UNRELATED", "x")::get);
    assertThat(source.getProperties())
        .containsExactly(Map.entry("tenant-filter.redis.circuit.threshold", "5"));
    assertThat(source.getValue("tenant-filter.redis.url")).isNull();
    assertThat(source.getValue("something.else")).isNull();
  }
}
