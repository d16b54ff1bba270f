package io.github.tenantfilter.config;

import io.github.tenantfilter.resolve.AddressRanges;
import io.github.tenantfilter.resolve.ForwardedHostHeader;
import io.github.tenantfilter.resolve.IpHostPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The filter's settings, read and checked once when the application starts.
 *
 * <pre>{@code
 * TenantFilterConfig config = TenantFilterConfig.read(SettingsReader.standard(init, ctx, loader));
 * }</pre>
 */
public record TenantFilterConfig(
    boolean enabled,
    List<String> baseDomains,
    boolean customDomains,
    String idHeader,
    AddressRanges headerSources,
    AddressRanges trustedProxies,
    ForwardedHostHeader trustedProxiesHostHeader,
    IpHostPolicy ipHosts,
    StatusOutcomes statusOutcomes,
    boolean jmx,
    UnknownTenantPolicy unknownTenant,
    List<String> excludePaths,
    ErrorResponse errorResponse,
    Duration retryAfter,
    int localCacheSize,
    Duration localCacheTtl,
    int refreshAheadPercent,
    Duration staleIfError,
    int negativeCacheSize,
    Duration negativeCacheTtl,
    URI redisUrl,
    RedisMode redisMode,
    String redisSentinelMaster,
    Path redisTlsCaFile,
    Path redisTlsCertFile,
    Path redisTlsKeyFile,
    Duration redisTtl,
    String redisKeyPrefix,
    Duration redisTimeout,
    int redisPoolSize,
    int redisCircuitThreshold,
    int redisCircuitTimeoutSeconds,
    String dataSource,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    Duration storeTimeout,
    String storeNotifyChannel,
    String queryById,
    String queryBySubdomain,
    String queryByDomain) {

  private static final Logger LOG = Logger.getLogger(TenantFilterConfig.class.getName());

  /**
   * Reads every setting.
   *
   * @throws InvalidSettingException if a value does not parse, or two settings clash
   */
  public static TenantFilterConfig read(SettingsReader reader) {
    TenantFilterConfig config =
        new TenantFilterConfig(
            reader.get(Settings.ENABLED),
            reader.get(Settings.BASE_DOMAINS),
            reader.get(Settings.CUSTOM_DOMAINS),
            reader.get(Settings.HEADER),
            reader.get(Settings.HEADER_SOURCES),
            reader.get(Settings.TRUSTED_PROXIES),
            reader.get(Settings.TRUSTED_PROXIES_HOST_HEADER),
            reader.get(Settings.IP_HOSTS),
            reader.get(Settings.STATUS_OUTCOMES),
            reader.get(Settings.JMX),
            reader.get(Settings.UNKNOWN_TENANT),
            reader.get(Settings.EXCLUDE_PATHS),
            reader.get(Settings.ERROR_RESPONSE),
            reader.get(Settings.RETRY_AFTER),
            reader.get(Settings.LOCAL_CACHE_SIZE),
            reader.get(Settings.LOCAL_CACHE_TTL),
            reader.get(Settings.REFRESH_AHEAD),
            reader.get(Settings.STALE_IF_ERROR),
            reader.get(Settings.NEGATIVE_CACHE_SIZE),
            reader.get(Settings.NEGATIVE_CACHE_TTL),
            reader.get(Settings.REDIS_URL),
            reader.get(Settings.REDIS_MODE),
            reader.get(Settings.REDIS_SENTINEL_MASTER),
            reader.get(Settings.REDIS_TLS_CA_FILE),
            reader.get(Settings.REDIS_TLS_CERT_FILE),
            reader.get(Settings.REDIS_TLS_KEY_FILE),
            reader.get(Settings.REDIS_TTL),
            reader.get(Settings.REDIS_KEY_PREFIX),
            reader.get(Settings.REDIS_TIMEOUT),
            reader.get(Settings.REDIS_POOL_SIZE),
            reader.get(Settings.REDIS_CIRCUIT_THRESHOLD),
            reader.get(Settings.REDIS_CIRCUIT_TIMEOUT),
            reader.get(Settings.DATASOURCE),
            reader.get(Settings.JDBC_URL),
            reader.get(Settings.JDBC_USER),
            reader.get(Settings.JDBC_PASSWORD),
            reader.get(Settings.STORE_TIMEOUT),
            reader.get(Settings.STORE_NOTIFY_CHANNEL),
            reader.get(Settings.QUERY_BY_ID),
            reader.get(Settings.QUERY_BY_SUBDOMAIN),
            reader.get(Settings.QUERY_BY_DOMAIN));
    if (config.dataSource() != null && config.jdbcUrl() != null) {
      throw new InvalidSettingException(
          Settings.DATASOURCE.name(),
          "set either "
              + Settings.DATASOURCE.name()
              + " (\""
              + config.dataSource()
              + "\", from "
              + reader.origin(Settings.DATASOURCE)
              + ") or "
              + Settings.JDBC_URL.name()
              + " (from "
              + reader.origin(Settings.JDBC_URL)
              + "), not both");
    }
    checkRedisTopology(config, reader);
    checkRedisTls(config, reader);
    if (config.idHeader() != null && config.headerSources().isEmpty()) {
      LOG.warning("tenant-filter: any client can choose its tenant with the header "
          + config.idHeader() + "; if only a gateway should, list it in "
          + Settings.HEADER_SOURCES.name());
    }
    if (config.baseDomains().isEmpty() && !config.customDomains() && config.idHeader() == null) {
      LOG.warning(
          "tenant-filter: no base domains, custom domains off and no tenant header:"
              + " no request can name a tenant");
    }
    return config;
  }

  /** The URL, the mode and the master's name agree. */
  private static void checkRedisTopology(TenantFilterConfig config, SettingsReader reader) {
    RedisMode mode = config.redisMode();
    String modeName = mode.name().toLowerCase(Locale.ROOT);
    if (config.redisUrl() == null) {
      if (mode != RedisMode.STANDALONE) {
        throw new InvalidSettingException(Settings.REDIS_MODE.name(), modeName,
            reader.origin(Settings.REDIS_MODE),
            Settings.REDIS_URL.name() + " is empty: name the "
                + (mode == RedisMode.SENTINEL ? "sentinels" : "cluster's nodes") + " there");
      }
    } else {
      RedisEndpoint endpoint = config.redisEndpoint();
      if (mode == RedisMode.STANDALONE && endpoint.nodes().size() > 1) {
        throw new InvalidSettingException(Settings.REDIS_URL.name(), config.redisUrlForDisplay(),
            reader.origin(Settings.REDIS_URL),
            "names " + endpoint.nodes().size() + " hosts, but " + Settings.REDIS_MODE.name()
                + " is standalone: set it to sentinel or cluster, or name one host");
      }
      if (mode == RedisMode.CLUSTER && endpoint.database() > 0) {
        throw new InvalidSettingException(Settings.REDIS_URL.name(), config.redisUrlForDisplay(),
            reader.origin(Settings.REDIS_URL),
            "names database " + endpoint.database() + ", but a Redis Cluster has only database 0");
      }
    }
    if (mode == RedisMode.SENTINEL && config.redisSentinelMaster() == null) {
      throw new InvalidSettingException(Settings.REDIS_SENTINEL_MASTER.name(),
          Settings.REDIS_MODE.name() + " is sentinel (from " + reader.origin(Settings.REDIS_MODE)
              + "), but " + Settings.REDIS_SENTINEL_MASTER.name() + " is empty: name the master"
              + " the sentinels monitor");
    }
    if (mode != RedisMode.SENTINEL && config.redisSentinelMaster() != null) {
      throw new InvalidSettingException(Settings.REDIS_SENTINEL_MASTER.name(),
          config.redisSentinelMaster(), reader.origin(Settings.REDIS_SENTINEL_MASTER),
          "only used when " + Settings.REDIS_MODE.name() + " is sentinel, but it is " + modeName);
    }
  }

  /** What the Redis URL says (hosts, credentials, database), or {@code null} without Redis. */
  public RedisEndpoint redisEndpoint() {
    return redisUrl == null ? null : RedisEndpoint.of(redisUrl);
  }

  /** The TLS files go together, with each other and with a rediss:// URL. */
  private static void checkRedisTls(TenantFilterConfig config, SettingsReader reader) {
    if ((config.redisTlsCertFile() == null) != (config.redisTlsKeyFile() == null)) {
      Setting<?> set = config.redisTlsCertFile() != null
          ? Settings.REDIS_TLS_CERT_FILE : Settings.REDIS_TLS_KEY_FILE;
      throw new InvalidSettingException(set.name(),
          set.name() + " is set (from " + reader.origin(set) + ") without the other of "
              + Settings.REDIS_TLS_CERT_FILE.name() + " and " + Settings.REDIS_TLS_KEY_FILE.name()
              + ": a client certificate needs both");
    }
    if (config.redisTlsCertFile() != null
        && !RedisTls.matches(RedisTls.privateKey(config.redisTlsKeyFile()),
            RedisTls.certificates(config.redisTlsCertFile()).get(0))) {
      throw new InvalidSettingException(Settings.REDIS_TLS_KEY_FILE.name(),
          Settings.REDIS_TLS_KEY_FILE.name() + " (\"" + config.redisTlsKeyFile() + "\", from "
              + reader.origin(Settings.REDIS_TLS_KEY_FILE) + ") is not the key of the first"
              + " certificate in " + Settings.REDIS_TLS_CERT_FILE.name() + " (\""
              + config.redisTlsCertFile() + "\")");
    }
    boolean files = config.redisTlsCaFile() != null || config.redisTlsCertFile() != null;
    if (files && config.redisUrl() != null && !"rediss".equals(config.redisUrl().getScheme())) {
      Setting<?> set = config.redisTlsCaFile() != null
          ? Settings.REDIS_TLS_CA_FILE : Settings.REDIS_TLS_CERT_FILE;
      throw new InvalidSettingException(set.name(),
          set.name() + " is set (from " + reader.origin(set) + "), but "
              + Settings.REDIS_URL.name() + " is a redis:// URL, which does not use TLS: write"
              + " rediss://");
    }
  }

  /** Every setting at its default, with overrides by dotted name: for tests. */
  public static TenantFilterConfig of(Map<String, String> values) {
    return read(new SettingsReader(List.of(SettingSource.ofMap("test", values))));
  }

  /** The Redis URL with its password masked, or {@code "none"}. */
  public String redisUrlForDisplay() {
    return redisUrl == null ? "none" : Parsers.maskUrl(redisUrl.toString());
  }

  /** The JDBC URL with any password masked, or {@code null}. */
  public String jdbcUrlForDisplay() {
    return jdbcUrl == null ? null : Parsers.maskUrl(jdbcUrl);
  }

  @Override
  public String toString() {
    // never print secrets
    return "TenantFilterConfig[enabled="
        + enabled
        + ", baseDomains="
        + baseDomains
        + ", customDomains="
        + customDomains
        + ", idHeader="
        + idHeader
        + ", headerSources="
        + headerSources
        + ", trustedProxies="
        + trustedProxies
        + ", trustedProxiesHostHeader="
        + trustedProxiesHostHeader
        + ", ipHosts="
        + ipHosts
        + ", statusOutcomes="
        + statusOutcomes
        + ", unknownTenant="
        + unknownTenant
        + ", excludePaths="
        + excludePaths
        + ", localCache="
        + localCacheSize
        + "/"
        + localCacheTtl
        + ", staleIfError="
        + staleIfError
        + ", negativeCache="
        + negativeCacheSize
        + "/"
        + negativeCacheTtl
        + ", redis="
        + redisUrlForDisplay()
        + (redisMode == RedisMode.STANDALONE ? "" : " (" + redisMode.name().toLowerCase(
            Locale.ROOT) + (redisSentinelMaster == null ? "" : " " + redisSentinelMaster)
            + ")")
        + (redisTlsCaFile == null ? "" : ", redisTlsCaFile=" + redisTlsCaFile)
        + (redisTlsCertFile == null ? "" : ", redisTlsCertFile=" + redisTlsCertFile)
        + ", redisTtl="
        + redisTtl
        + ", redisKeyPrefix='"
        + redisKeyPrefix
        + "', redisTimeout="
        + redisTimeout
        + ", store="
        + (dataSource != null ? "DataSource " + dataSource : jdbcUrlForDisplay())
        + "]";
  }
}
