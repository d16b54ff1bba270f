// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import io.github.tenantfilter.internal.resolve.AddressRanges;
import io.github.tenantfilter.internal.resolve.ForwardedHostHeader;
import io.github.tenantfilter.internal.resolve.IpHostPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

// Over 300 lines: a typed accessor for each of the 41 settings that code outside this package uses.
/**
 * The filter's settings, read and checked once when the application starts: the value of every
 * setting in {@link Settings#ALL}, by {@link #get(Setting)} or by the typed accessor of a
 * setting the filter uses.
 *
 * <pre>{@code
 * TenantFilterConfig config = TenantFilterConfig.read(SettingsReader.standard(init, ctx, loader));
 * int size = config.localCacheSize(); // or config.get(Settings.LOCAL_CACHE_SIZE)
 * }</pre>
 */
public final class TenantFilterConfig {

  /** The parsed value of every setting in {@link Settings#ALL} ({@code null} for none). */
  private final Map<Setting<?>, Object> values;

  private TenantFilterConfig(Map<Setting<?>, Object> values) {
    this.values = values;
  }

  /**
   * Reads every setting.
   *
   * @throws InvalidSettingException if a value does not parse, or two settings clash
   */
  public static TenantFilterConfig read(SettingsReader reader) {
    Map<Setting<?>, Object> values = new IdentityHashMap<>();
    for (Setting<?> setting : Settings.ALL) {
      values.put(setting, reader.get(setting));
    }
    TenantFilterConfig config = new TenantFilterConfig(values);
    CrossSettingChecks.check(config, reader);
    return config;
  }

  /** Every setting at its default, with overrides by dotted name: for tests. */
  public static TenantFilterConfig of(Map<String, String> values) {
    return read(new SettingsReader(List.of(SettingSource.ofMap("test", values))));
  }

  /**
   * The value of {@code setting}, as read.
   *
   * @throws IllegalArgumentException if {@code setting} is not one of {@link Settings#ALL}
   */
  @SuppressWarnings("unchecked") // read by the setting's own parser, so a T
  public <T> T get(Setting<T> setting) {
    Object value = values.get(setting);
    if (value == null && !values.containsKey(setting)) {
      throw new IllegalArgumentException(setting + " is not one of Settings.ALL");
    }
    return (T) value;
  }

  /** {@link Settings#ENABLED}. */
  public boolean enabled() {
    return get(Settings.ENABLED);
  }

  /** {@link Settings#BASE_DOMAINS}. */
  public List<String> baseDomains() {
    return get(Settings.BASE_DOMAINS);
  }

  /** {@link Settings#CUSTOM_DOMAINS}. */
  public boolean customDomains() {
    return get(Settings.CUSTOM_DOMAINS);
  }

  /** {@link Settings#HEADER}. */
  public String idHeader() {
    return get(Settings.HEADER);
  }

  /** {@link Settings#HEADER_SOURCES}. */
  public AddressRanges headerSources() {
    return get(Settings.HEADER_SOURCES);
  }

  /** {@link Settings#PATH_PREFIX}: null when off. */
  public String pathPrefix() {
    return get(Settings.PATH_PREFIX);
  }

  /** {@link Settings#PATH_FORWARD}. */
  public boolean pathForward() {
    return get(Settings.PATH_FORWARD);
  }

  /** {@link Settings#DEFAULT_TENANT}: null when off. */
  public String defaultTenant() {
    return get(Settings.DEFAULT_TENANT);
  }

  /** {@link Settings#JWT_CLAIM}: null when off. */
  public String jwtClaim() {
    return get(Settings.JWT_CLAIM);
  }

  /** {@link Settings#LOG_MDC}: null when off. */
  public String logMdc() {
    return get(Settings.LOG_MDC);
  }

  /** {@link Settings#TRUSTED_PROXIES}. */
  public AddressRanges trustedProxies() {
    return get(Settings.TRUSTED_PROXIES);
  }

  /** {@link Settings#TRUSTED_PROXIES_HOST_HEADER}. */
  public ForwardedHostHeader trustedProxiesHostHeader() {
    return get(Settings.TRUSTED_PROXIES_HOST_HEADER);
  }

  /** {@link Settings#IP_HOSTS}. */
  public IpHostPolicy ipHosts() {
    return get(Settings.IP_HOSTS);
  }

  /** {@link Settings#STATUS_OUTCOMES}. */
  public StatusOutcomes statusOutcomes() {
    return get(Settings.STATUS_OUTCOMES);
  }

  /** {@link Settings#JMX}. */
  public boolean jmx() {
    return get(Settings.JMX);
  }

  /** {@link Settings#UNKNOWN_TENANT}. */
  public UnknownTenantPolicy unknownTenant() {
    return get(Settings.UNKNOWN_TENANT);
  }

  /** {@link Settings#EXCLUDE_PATHS}. */
  public List<String> excludePaths() {
    return get(Settings.EXCLUDE_PATHS);
  }

  /** {@link Settings#ERROR_RESPONSE}. */
  public ErrorResponse errorResponse() {
    return get(Settings.ERROR_RESPONSE);
  }

  /** {@link Settings#RETRY_AFTER}. */
  public Duration retryAfter() {
    return get(Settings.RETRY_AFTER);
  }

  /** {@link Settings#LOCAL_CACHE_SIZE}. */
  public int localCacheSize() {
    return get(Settings.LOCAL_CACHE_SIZE);
  }

  /** {@link Settings#LOCAL_CACHE_TTL}. */
  public Duration localCacheTtl() {
    return get(Settings.LOCAL_CACHE_TTL);
  }

  /** {@link Settings#REFRESH_AHEAD}. */
  public int refreshAheadPercent() {
    return get(Settings.REFRESH_AHEAD);
  }

  /** {@link Settings#STALE_IF_ERROR}. */
  public Duration staleIfError() {
    return get(Settings.STALE_IF_ERROR);
  }

  /** {@link Settings#READINESS_STORE_DOWN}. */
  public StoreDownReadiness readinessStoreDown() {
    return get(Settings.READINESS_STORE_DOWN);
  }

  /** {@link Settings#NEGATIVE_CACHE_SIZE}. */
  public int negativeCacheSize() {
    return get(Settings.NEGATIVE_CACHE_SIZE);
  }

  /** {@link Settings#NEGATIVE_CACHE_TTL}. */
  public Duration negativeCacheTtl() {
    return get(Settings.NEGATIVE_CACHE_TTL);
  }

  /** {@link Settings#REDIS_URL}. */
  public URI redisUrl() {
    return get(Settings.REDIS_URL);
  }

  /** {@link Settings#REDIS_MODE}. */
  public RedisMode redisMode() {
    return get(Settings.REDIS_MODE);
  }

  /** {@link Settings#REDIS_SENTINEL_MASTER}. */
  public String redisSentinelMaster() {
    return get(Settings.REDIS_SENTINEL_MASTER);
  }

  /** {@link Settings#REDIS_TLS_CA_FILE}. */
  public Path redisTlsCaFile() {
    return get(Settings.REDIS_TLS_CA_FILE);
  }

  /** {@link Settings#REDIS_TLS_CERT_FILE}. */
  public Path redisTlsCertFile() {
    return get(Settings.REDIS_TLS_CERT_FILE);
  }

  /** {@link Settings#REDIS_TLS_KEY_FILE}. */
  public Path redisTlsKeyFile() {
    return get(Settings.REDIS_TLS_KEY_FILE);
  }

  /** {@link Settings#REDIS_TTL}. */
  public Duration redisTtl() {
    return get(Settings.REDIS_TTL);
  }

  /** {@link Settings#REDIS_KEY_PREFIX}. */
  public String redisKeyPrefix() {
    return get(Settings.REDIS_KEY_PREFIX);
  }

  /** {@link Settings#REDIS_TIMEOUT}. */
  public Duration redisTimeout() {
    return get(Settings.REDIS_TIMEOUT);
  }

  /** {@link Settings#REDIS_POOL_SIZE}. */
  public int redisPoolSize() {
    return get(Settings.REDIS_POOL_SIZE);
  }

  /** {@link Settings#REDIS_CIRCUIT_THRESHOLD}. */
  public int redisCircuitThreshold() {
    return get(Settings.REDIS_CIRCUIT_THRESHOLD);
  }

  /** {@link Settings#REDIS_CIRCUIT_TIMEOUT}. */
  public int redisCircuitTimeoutSeconds() {
    return get(Settings.REDIS_CIRCUIT_TIMEOUT);
  }

  /** {@link Settings#DATASOURCE}. */
  public String dataSource() {
    return get(Settings.DATASOURCE);
  }

  /** {@link Settings#JDBC_URL}. */
  public String jdbcUrl() {
    return get(Settings.JDBC_URL);
  }

  /** {@link Settings#JDBC_USER}. */
  public String jdbcUser() {
    return get(Settings.JDBC_USER);
  }

  /** {@link Settings#JDBC_PASSWORD}. */
  public String jdbcPassword() {
    return get(Settings.JDBC_PASSWORD);
  }

  /** {@link Settings#JDBC_POOL_SIZE}. */
  public int jdbcPoolSize() {
    return get(Settings.JDBC_POOL_SIZE);
  }

  /** {@link Settings#STORE_TIMEOUT}. */
  public Duration storeTimeout() {
    return get(Settings.STORE_TIMEOUT);
  }

  /** {@link Settings#STORE_NOTIFY_CHANNEL}. */
  public String storeNotifyChannel() {
    return get(Settings.STORE_NOTIFY_CHANNEL);
  }

  /** {@link Settings#QUERY_BY_ID}. */
  public String queryById() {
    return get(Settings.QUERY_BY_ID);
  }

  /** {@link Settings#QUERY_BY_SUBDOMAIN}. */
  public String queryBySubdomain() {
    return get(Settings.QUERY_BY_SUBDOMAIN);
  }

  /** {@link Settings#QUERY_BY_DOMAIN}. */
  public String queryByDomain() {
    return get(Settings.QUERY_BY_DOMAIN);
  }

  /** What the Redis URL says (hosts, credentials, database), or {@code null} without Redis. */
  public RedisEndpoint redisEndpoint() {
    return redisUrl() == null ? null : RedisEndpoint.of(redisUrl());
  }

  /** The Redis URL with its password masked, or {@code "none"}. */
  public String redisUrlForDisplay() {
    return redisUrl() == null ? "none" : UrlMasking.maskUrl(redisUrl().toString());
  }

  /** The JDBC URL with any password masked, or {@code null}. */
  public String jdbcUrlForDisplay() {
    return jdbcUrl() == null ? null : UrlMasking.maskUrl(jdbcUrl());
  }

  /** Equal when every setting's value is. */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof TenantFilterConfig that)) {
      return false;
    }
    for (Setting<?> setting : Settings.ALL) {
      if (!Objects.equals(get(setting), that.get(setting))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hash = 1;
    for (Setting<?> setting : Settings.ALL) {
      hash = 31 * hash + Objects.hashCode(get(setting));
    }
    return hash;
  }

  @Override
  public String toString() {
    // never print secrets
    return "TenantFilterConfig[enabled=" + enabled() + ", baseDomains=" + baseDomains()
        + ", customDomains=" + customDomains() + ", idHeader=" + idHeader()
        + ", headerSources=" + headerSources() + ", trustedProxies=" + trustedProxies()
        + ", trustedProxiesHostHeader=" + trustedProxiesHostHeader() + ", ipHosts=" + ipHosts()
        + ", statusOutcomes=" + statusOutcomes() + ", unknownTenant=" + unknownTenant()
        + ", excludePaths=" + excludePaths()
        + ", localCache=" + localCacheSize() + "/" + localCacheTtl()
        + ", staleIfError=" + staleIfError()
        + ", negativeCache=" + negativeCacheSize() + "/" + negativeCacheTtl()
        + ", redis=" + redisUrlForDisplay()
        + (redisMode() == RedisMode.STANDALONE ? "" : " (" + redisMode().name().toLowerCase(
            Locale.ROOT) + (redisSentinelMaster() == null ? "" : " " + redisSentinelMaster())
            + ")")
        + (redisTlsCaFile() == null ? "" : ", redisTlsCaFile=" + redisTlsCaFile())
        + (redisTlsCertFile() == null ? "" : ", redisTlsCertFile=" + redisTlsCertFile())
        + ", redisTtl=" + redisTtl() + ", redisKeyPrefix='" + redisKeyPrefix()
        + "', redisTimeout=" + redisTimeout()
        + ", store=" + (dataSource() != null ? "DataSource " + dataSource() : jdbcUrlForDisplay())
        + "]";
  }
}
