// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantFilterConfigTest {

  private static SettingsReader reader(
      Map<String, String> init, Map<String, String> context, Map<String, String> env) {
    return new SettingsReader(
        List.of(
            SettingSource.ofMap("filter init-param", init),
            SettingSource.ofMap("context-param", context),
            SettingSource.environment(env::get)));
  }

  @Test
  void read_nothingSet_givesDocumentedDefaults() {
    TenantFilterConfig config = TenantFilterConfig.of(Map.of());
    assertThat(config.enabled()).isTrue();
    assertThat(config.baseDomains()).isEmpty();
    assertThat(config.customDomains()).isTrue();
    assertThat(config.idHeader()).isNull();
    assertThat(config.unknownTenant()).isEqualTo(UnknownTenantPolicy.NOT_FOUND);
    assertThat(config.localCacheSize()).isEqualTo(1000);
    assertThat(config.localCacheTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.negativeCacheTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.redisUrl()).isNull();
    assertThat(config.redisTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(config.redisTimeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.redisKeyPrefix()).isEmpty();
    assertThat(config.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.queryBySubdomain()).contains("t.subdomain = ?");
  }

  @Test
  void read_sameSettingInSeveralSources_initParamThenContextParamThenEnvironment() {
    Map<String, String> env = Map.of("LOCAL_CACHE_SIZE", "3", "TENANT_FILTER_LOCAL_CACHE_TTL", "7");
    TenantFilterConfig envOnly = TenantFilterConfig.read(reader(Map.of(), Map.of(), env));
    assertThat(envOnly.localCacheSize()).isEqualTo(3);
    assertThat(envOnly.localCacheTtl()).isEqualTo(Duration.ofSeconds(7));

    TenantFilterConfig context =
        TenantFilterConfig.read(
            reader(Map.of(), Map.of("tenant-filter.local-cache.size", "2"), env));
    assertThat(context.localCacheSize()).isEqualTo(2);

    TenantFilterConfig init =
        TenantFilterConfig.read(
            reader(
                Map.of("tenant-filter.local-cache.size", "1"),
                Map.of("tenant-filter.local-cache.size", "2"),
                env));
    assertThat(init.localCacheSize()).isEqualTo(1);
  }

  @Test
  void read_originalFixEnvironmentNames_areHonoured() {
    Map<String, String> env =
        Map.of(
            "REDIS_URL", "redis://:s3cret@cache.internal:6380/2",
            "CACHE_TTL_TENANT", "1800",
            "LOCAL_CACHE_TTL", "15");
    TenantFilterConfig config = TenantFilterConfig.read(reader(Map.of(), Map.of(), env));
    assertThat(config.redisUrl()).isEqualTo(URI.create("redis://:s3cret@cache.internal:6380/2"));
    assertThat(config.redisTtl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.localCacheTtl()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void read_durationsWithUnits_parse() {
    TenantFilterConfig config =
        TenantFilterConfig.of(
            Map.of(
                "tenant-filter.redis.timeout", "250ms",
                "tenant-filter.local-cache.ttl", "2m",
                "tenant-filter.redis.ttl", "1h"));
    assertThat(config.redisTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.localCacheTtl()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.redisTtl()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void read_listsAndDomains_normalised() {
    TenantFilterConfig config =
        TenantFilterConfig.of(
            Map.of(
                "tenant-filter.base-domains", " App.Example., other.example ",
                "tenant-filter.exclude-paths", "/api/health, /static/*,*.css"));
    assertThat(config.baseDomains()).containsExactly("app.example", "other.example");
    assertThat(config.excludePaths()).containsExactly("/api/health", "/static/*", "*.css");
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "tenant-filter.local-cache.size | abc | must be a whole number from 1 to 10000000",
        "tenant-filter.local-cache.size | 0 | must be a whole number from 1 to 10000000",
        "tenant-filter.local-cache.ttl | -5 | must be a duration",
        "tenant-filter.local-cache.ttl | 5 days | must be a duration",
        "tenant-filter.enabled | yes | must be true or false",
        "tenant-filter.base-domains | not a domain! | must be host names",
        "tenant-filter.base-domains | 10.0.0.1 | must be host names",
        "tenant-filter.header | Bad Header | must be an HTTP header name",
        "tenant-filter.header | Host | must be an HTTP header name",
        "tenant-filter.unknown-tenant | 418 | must be 404",
        "tenant-filter.exclude-paths | health | must be servlet URL patterns",
        "tenant-filter.exclude-paths | /a/*/b | must be servlet URL patterns",
        "tenant-filter.redis.url | http://cache:6379 | must be redis://",
        "tenant-filter.redis.url | redis:// | must be redis://",
        "tenant-filter.redis.url | redis://cache/abc | must be redis://",
        "tenant-filter.redis.key-prefix | my app: | must be printable ASCII",
        "tenant-filter.redis.key-prefix | {app}: | must be printable ASCII without spaces or braces",
        "tenant-filter.redis.key-prefix | app} | must be printable ASCII without spaces or braces",
        "tenant-filter.redis.url | redis://a:1,b:x | must be redis://",
        "tenant-filter.redis.url | redis://a:1,,b | must be redis://",
        "tenant-filter.redis.url | redis://a:70000 | must be redis://",
        "tenant-filter.redis.mode | ring | must be standalone",
        "tenant-filter.redis.sentinel.master | my master | must be the master's name",
        "tenant-filter.jdbc.url | postgresql://db/app | must be a JDBC URL",
        "tenant-filter.jdbc.pool-size | 0 | must be a whole number from 1 to 1000",
        "tenant-filter.store.query.by-id | SELECT * FROM tenants | must be an SQL SELECT",
      })
  void read_invalidValue_failsNamingSettingValueAndOrigin(String name, String value, String reason) {
    assertThatThrownBy(() -> TenantFilterConfig.of(Map.of(name, value)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(name)
        .hasMessageContaining("\"" + value + "\"")
        .hasMessageContaining("(from test)")
        .hasMessageContaining(reason);
  }

  @Test
  void read_invalidEnvironmentValue_namesTheVariable() {
    assertThatThrownBy(
            () -> TenantFilterConfig.read(reader(Map.of(), Map.of(), Map.of("LOCAL_CACHE_SIZE", "lots"))))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.local-cache.size")
        .hasMessageContaining("environment variable LOCAL_CACHE_SIZE");
  }

  @Test
  void read_invalidSecret_neverShowsIt() {
    assertThatThrownBy(
            () -> TenantFilterConfig.of(Map.of("tenant-filter.redis.url", "http://u:hunter2@cache")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageNotContaining("hunter2")
        .hasMessageContaining("http://u:****@cache");
  }

  @Test
  void read_dataSourceAndJdbcUrlBoth_fails() {
    assertThatThrownBy(
            () ->
                TenantFilterConfig.of(
                    Map.of(
                        "tenant-filter.datasource", "jdbc/tenants",
                        "tenant-filter.jdbc.url", "jdbc:postgresql://db/app")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.datasource")
        .hasMessageContaining("tenant-filter.jdbc.url")
        .hasMessageContaining("not both");
  }

  @Test
  void read_notifyChannelWithJdbcPoolOfOne_failsNamingPoolSize() {
    assertThatThrownBy(
            () ->
                TenantFilterConfig.of(
                    Map.of(
                        "tenant-filter.jdbc.url", "jdbc:postgresql://db/app",
                        "tenant-filter.jdbc.pool-size", "1",
                        "tenant-filter.store.notify-channel", "tenant_filter")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.jdbc.pool-size")
        .hasMessageContaining("\"1\"")
        .hasMessageContaining("none for lookups");
  }

  @Test
  void read_jdbcPoolSize_defaultsToTen() {
    assertThat(TenantFilterConfig.of(Map.of()).jdbcPoolSize()).isEqualTo(10);
    assertThat(TenantFilterConfig.of(Map.of("tenant-filter.jdbc.pool-size", "3")).jdbcPoolSize())
        .isEqualTo(3);
  }

  @Test
  void toString_masksSecrets() {
    TenantFilterConfig config =
        TenantFilterConfig.of(
            Map.of(
                "tenant-filter.redis.url", "rediss://admin:hunter2@cache:6380",
                "tenant-filter.jdbc.url", "jdbc:postgresql://db/app?user=a&password=hunter2",
                "tenant-filter.jdbc.password", "hunter2"));
    assertThat(config.toString())
        .doesNotContain("hunter2")
        .contains("rediss://admin:****@cache:6380")
        .contains("password=****");
  }

  @Test
  void get_anySettingOfAll_byItsConstant() {
    TenantFilterConfig config = TenantFilterConfig.of(Map.of("tenant-filter.stats.top", "7"));
    assertThat(config.get(Settings.STATS_TOP)).isEqualTo(7);
    assertThat(config.get(Settings.HEADER)).isNull();
    assertThat(config.get(Settings.LOCAL_CACHE_SIZE)).isEqualTo(config.localCacheSize());
    assertThatThrownBy(() -> config.get(RegionSettings.size("plans")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenant-filter.region.plans.size");
  }

  @Test
  void environmentNames_originalNameFirstThenDerived() {
    assertThat(Settings.LOCAL_CACHE_SIZE.environmentNames())
        .containsExactly("LOCAL_CACHE_SIZE", "TENANT_FILTER_LOCAL_CACHE_SIZE");
    assertThat(Settings.REDIS_URL.environmentNames())
        .containsExactly("REDIS_URL", "TENANT_FILTER_REDIS_URL");
    assertThat(Settings.BASE_DOMAINS.environmentNames())
        .containsExactly("TENANT_FILTER_BASE_DOMAINS");
  }
}
