package io.github.tenantfilter.config;

import io.github.tenantfilter.resolve.AddressRanges;
import io.github.tenantfilter.resolve.ForwardedHostHeader;
import io.github.tenantfilter.resolve.IpHostPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of the filter, with its name, environment variables and default. docs/settings.md's
 * settings table lists the same (a test keeps them together).
 */
public final class Settings {

  private static final String PREFIX = "tenant-filter.";

  /** {@value #PREFIX}enabled: the filter resolves tenants ({@code false} passes every request through). */
  public static final Setting<Boolean> ENABLED =
      new Setting<>(PREFIX + "enabled", List.of(), "true", Parsers::bool, false,
          "true or false; false turns the filter off (requests pass through untouched)");

  /** Base domains whose one-label subdomains name tenants. */
  public static final Setting<List<String>> BASE_DOMAINS =
      new Setting<>(PREFIX + "base-domains", List.of(), "", Parsers::domains, false,
          "comma-separated base domains; acme.<base> is looked up by subdomain acme");

  /** Whether hosts outside the base domains are looked up as custom domains. */
  public static final Setting<Boolean> CUSTOM_DOMAINS =
      new Setting<>(PREFIX + "custom-domains", List.of(), "true", Parsers::bool, false,
          "look up hosts outside the base domains as custom domains");

  /** Header carrying a tenant id; off when empty. */
  public static final Setting<String> HEADER =
      new Setting<>(PREFIX + "header", List.of(), "", Parsers::headerName, false,
          "name of a header that carries the tenant id (such as X-Tenant-Id); empty: off");

  /** Peers the tenant-id header is accepted from. */
  public static final Setting<AddressRanges> HEADER_SOURCES =
      new Setting<>(PREFIX + "header.sources", List.of(), "", Parsers::addressRanges, false,
          "IP addresses and CIDR ranges the tenant-id header is accepted from (such as your API"
              + " gateway); from any other peer it is ignored; empty: any peer");

  /** Proxies whose forwarded headers are believed. */
  public static final Setting<AddressRanges> TRUSTED_PROXIES =
      new Setting<>(PREFIX + "trusted-proxies", List.of(), "", Parsers::addressRanges, false,
          "IP addresses and CIDR ranges of your reverse proxies: from them (only) the header named"
              + " by trusted-proxies.host-header names the host; empty: forwarded headers are"
              + " always ignored");

  /** The one header the trusted proxies write the client's host into. */
  public static final Setting<ForwardedHostHeader>
      TRUSTED_PROXIES_HOST_HEADER =
      new Setting<>(PREFIX + "trusted-proxies.host-header", List.of(), "none",
          Parsers::forwardedHostHeader, false,
          "the header your trusted proxies write the client's host into, and the only one read:"
              + " forwarded (RFC 7239 host=), x-forwarded-host (set, not appended, by the proxy)"
              + " or none (Host always); the other header is never read");

  /** What an IP address as Host gets. */
  public static final Setting<IpHostPolicy> IP_HOSTS =
      new Setting<>(PREFIX + "ip-hosts", List.of(), "unknown", Parsers::ipHosts, false,
          "a Host that is an IP address: unknown (no tenant, as unknown-tenant says), reject (400)"
              + " or lookup (looked up as a custom domain)");

  /** What each tenant status gets. */
  public static final Setting<StatusOutcomes> STATUS_OUTCOMES =
      new Setting<>(PREFIX + "status-outcomes", List.of(),
          "active=serve,suspended=403,deleted=410,*=403", StatusOutcomes::parse, false,
          "what a tenant's status gets: status=serve or status=403|404|410|423|451|503, * for any"
              + " other status; only statuses named serve are served");

  /** Whether the JMX bean is registered. */
  public static final Setting<Boolean> JMX =
      new Setting<>(PREFIX + "jmx", List.of(), "false", Parsers::bool, false,
          "register the JMX MXBean io.github.tenantfilter:type=TenantFilter,application=<context"
              + " path> (statistics, settings, invalidation); off by default, since JMX access"
              + " then allows invalidation");

  /** What to do with an unknown tenant. */
  public static final Setting<UnknownTenantPolicy> UNKNOWN_TENANT =
      new Setting<>(PREFIX + "unknown-tenant", List.of(), "404", Parsers::unknownTenant, false,
          "404 (answer Not Found) or pass (serve the request without a tenant)");

  /** Paths never resolved. */
  public static final Setting<List<String>> EXCLUDE_PATHS =
      new Setting<>(PREFIX + "exclude-paths", List.of(), "", Parsers::pathPatterns, false,
          "servlet URL patterns served without a tenant: /health, /static/*, *.css");

  /** How rejections are written. */
  public static final Setting<ErrorResponse> ERROR_RESPONSE =
      new Setting<>(PREFIX + "error-response", List.of(), "text", Parsers::errorResponse, false,
          "text (a short plain-text body) or container (sendError: the application's"
              + " <error-page> or the server's page)");

  /** Retry-After of a 503. */
  public static final Setting<Duration> RETRY_AFTER =
      new Setting<>(PREFIX + "retry-after", List.of(), "5",
          Parsers.duration(Duration.ofSeconds(1), Duration.ofHours(1)), false,
          "Retry-After of the 503 sent when the store is down and nothing is cached");

  /** Entries the heap tier holds. */
  public static final Setting<Integer> LOCAL_CACHE_SIZE =
      new Setting<>(PREFIX + "local-cache.size", List.of("LOCAL_CACHE_SIZE"), "1000",
          Parsers.integer(1, 10_000_000), false, "tenant keys held in the heap tier (L1)");

  /** Time to live in the heap tier. */
  public static final Setting<Duration> LOCAL_CACHE_TTL =
      new Setting<>(PREFIX + "local-cache.ttl", List.of("LOCAL_CACHE_TTL"), "60",
          Parsers.duration(Duration.ofMillis(1), Duration.ofDays(1)), false,
          "time to live in the heap tier; bounds staleness on every node");

  /** Share of the heap TTL, at its end, in which a hit reloads the entry in the background. */
  public static final Setting<Integer> REFRESH_AHEAD =
      new Setting<>(PREFIX + "local-cache.refresh-ahead", List.of(), "0",
          Parsers.integer(0, 90), false,
          "percent of the heap TTL, at its end, in which a hit also reloads the entry in the"
              + " background (from Redis, else the store), so hot tenants never miss; 0: off");

  /** How long past its TTL a cached tenant may serve while the store fails. */
  public static final Setting<Duration> STALE_IF_ERROR =
      new Setting<>(PREFIX + "stale-if-error", List.of(), "300",
          Parsers.duration(Duration.ZERO, Duration.ofDays(7)), false,
          "how long past its TTL a cached tenant is still served while the tenant store cannot"
              + " answer (RFC 5861 stale-if-error; 0: never)");

  /** Unknown hosts remembered. */
  public static final Setting<Integer> NEGATIVE_CACHE_SIZE =
      new Setting<>(PREFIX + "negative-cache.size", List.of(), "10000",
          Parsers.integer(0, 10_000_000), false,
          "unknown keys remembered in their own heap space (0: none)");

  /** How long an unknown host is remembered. */
  public static final Setting<Duration> NEGATIVE_CACHE_TTL =
      new Setting<>(PREFIX + "negative-cache.ttl", List.of(), "30",
          Parsers.duration(Duration.ofMillis(1), Duration.ofHours(1)), false,
          "how long an unknown key is remembered");

  /** Redis connection URL; no Redis tier when empty. */
  public static final Setting<URI> REDIS_URL =
      new Setting<>(PREFIX + "redis.url", List.of("REDIS_URL"), "", Parsers::redisUrl, true,
          "redis://[user:password@]host[:port][/db] or rediss:// (TLS); for sentinel and cluster"
              + " modes several host[:port] separated by commas; empty: no Redis tier");

  /** Standalone, sentinel or cluster. */
  public static final Setting<RedisMode> REDIS_MODE =
      new Setting<>(PREFIX + "redis.mode", List.of(), "standalone", Parsers::redisMode, false,
          "standalone (the URL names one Redis), sentinel (the URL names the sentinels) or"
              + " cluster (the URL names some nodes of a Redis Cluster)");

  /** The master's name in sentinel mode. */
  public static final Setting<String> REDIS_SENTINEL_MASTER =
      new Setting<>(PREFIX + "redis.sentinel.master", List.of(), "", Parsers::sentinelMaster,
          false, "in sentinel mode, the name of the master the sentinels monitor (such as"
              + " mymaster); required there, refused in the other modes");

  /** CA certificates trusted for rediss:// instead of the JVM's trust store. */
  public static final Setting<Path> REDIS_TLS_CA_FILE =
      new Setting<>(PREFIX + "redis.tls.ca-file", List.of(), "", RedisTls::certificateFile, false,
          "PEM file of the CA certificates trusted for rediss:// instead of the JVM's trust"
              + " store; empty: the JVM's trust store");

  /** Client certificate for rediss:// servers that require one. */
  public static final Setting<Path> REDIS_TLS_CERT_FILE =
      new Setting<>(PREFIX + "redis.tls.cert-file", List.of(), "", RedisTls::certificateFile,
          false, "PEM file of the client certificate (then its chain) that rediss:// presents to"
              + " a Redis with tls-auth-clients; needs tenant-filter.redis.tls.key-file");

  /** Private key of the client certificate. */
  public static final Setting<Path> REDIS_TLS_KEY_FILE =
      new Setting<>(PREFIX + "redis.tls.key-file", List.of(), "", RedisTls::keyFile, false,
          "PEM file of the client certificate's private key, unencrypted PKCS#8 (BEGIN PRIVATE"
              + " KEY); the path is shown in messages, the key never");

  /** Time to live in Redis. */
  public static final Setting<Duration> REDIS_TTL =
      new Setting<>(PREFIX + "redis.ttl", List.of("CACHE_TTL_TENANT"), "3600",
          Parsers.duration(Duration.ofSeconds(1), Duration.ofDays(30)), false,
          "time to live in Redis (L2), less up to 10 % jitter");

  /** Prefix of every Redis key. */
  public static final Setting<String> REDIS_KEY_PREFIX =
      new Setting<>(PREFIX + "redis.key-prefix", List.of(), "", Parsers::keyPrefix, false,
          "namespace before every key ({tenant}:id:..), so that applications can share a Redis;"
              + " no braces");

  /** Redis connect and read timeout. */
  public static final Setting<Duration> REDIS_TIMEOUT =
      new Setting<>(PREFIX + "redis.timeout", List.of(), "100ms",
          Parsers.duration(Duration.ofMillis(1), Duration.ofSeconds(60)), false,
          "Redis connect and read timeout, and the longest wait for a pooled connection");

  /** Redis connections per node. */
  public static final Setting<Integer> REDIS_POOL_SIZE =
      new Setting<>(PREFIX + "redis.pool-size", List.of(), "16", Parsers.integer(1, 1024), false,
          "most Redis connections open at once on one node");

  /** Failures in a row that open the circuit around Redis. */
  public static final Setting<Integer> REDIS_CIRCUIT_THRESHOLD =
      new Setting<>(PREFIX + "redis.circuit.threshold", List.of("REDIS_CIRCUIT_THRESHOLD"), "3",
          Parsers.integer(1, 1000), false,
          "Redis calls failing in a row that open the circuit breaker");

  /** Seconds the circuit stays open. */
  public static final Setting<Integer> REDIS_CIRCUIT_TIMEOUT =
      new Setting<>(PREFIX + "redis.circuit.timeout", List.of("REDIS_CIRCUIT_TIMEOUT"), "60",
          Parsers.integer(1, 86_400), false,
          "whole seconds the circuit stays open before one probe call");

  /** JNDI name of the DataSource. */
  public static final Setting<String> DATASOURCE =
      new Setting<>(PREFIX + "datasource", List.of(), "", Parsers::optionalText, false,
          "JNDI name of the DataSource holding the tenants (such as jdbc/tenants)");

  /** JDBC URL, the simple alternative to a DataSource. */
  public static final Setting<String> JDBC_URL =
      new Setting<>(PREFIX + "jdbc.url", List.of(), "", Parsers::jdbcUrl, true,
          "JDBC URL used instead of a DataSource (a small pool of its own: at most 4 idle connections, each checked before reuse)");

  /** JDBC user. */
  public static final Setting<String> JDBC_USER =
      new Setting<>(PREFIX + "jdbc.user", List.of(), "", Parsers::optionalText, false,
          "user for tenant-filter.jdbc.url");

  /** JDBC password. */
  public static final Setting<String> JDBC_PASSWORD =
      new Setting<>(PREFIX + "jdbc.password", List.of(), "", Parsers::optionalText, true,
          "password for tenant-filter.jdbc.url");

  /** Store query timeout. */
  public static final Setting<Duration> STORE_TIMEOUT =
      new Setting<>(PREFIX + "store.timeout", List.of(), "2",
          Parsers.duration(Duration.ofSeconds(1), Duration.ofMinutes(5)), false,
          "query timeout of the tenant store (whole seconds)");

  /** PostgreSQL channel to LISTEN on for automatic invalidation. */
  public static final Setting<String> STORE_NOTIFY_CHANNEL =
      new Setting<>(PREFIX + "store.notify-channel", List.of(), "", Parsers::channel, false,
          "PostgreSQL channel to LISTEN on: a notification with a tenant id invalidates it (the"
              + " trigger in src/sql/notify.sql uses tenant_filter); empty: off");

  /** Query by id. */
  public static final Setting<String> QUERY_BY_ID =
      new Setting<>(PREFIX + "store.query.by-id", List.of(), Queries.BY_ID, Parsers::query, false,
          "SELECT that finds a tenant by id (one ? parameter)");

  /** Query by subdomain. */
  public static final Setting<String> QUERY_BY_SUBDOMAIN =
      new Setting<>(PREFIX + "store.query.by-subdomain", List.of(), Queries.BY_SUBDOMAIN,
          Parsers::query, false, "SELECT that finds a tenant by subdomain (one ? parameter)");

  /** Query by custom domain. */
  public static final Setting<String> QUERY_BY_DOMAIN =
      new Setting<>(PREFIX + "store.query.by-domain", List.of(), Queries.BY_DOMAIN,
          Parsers::query, false, "SELECT that finds a tenant by custom domain (one ? parameter)");

  /** Whether the stats page is registered. */
  public static final Setting<Boolean> STATS_ENABLED =
      new Setting<>(PREFIX + "stats.enabled", List.of(), "false", Parsers::bool, false,
          "register the stats page (hit rates over time, breaker, top tenants) and its JSON at"
              + " tenant-filter.stats.path, for users in tenant-filter.stats.role only; off by"
              + " default");

  /** Where the stats page is. */
  public static final Setting<String> STATS_PATH =
      new Setting<>(PREFIX + "stats.path", List.of(), "/tenant-filter/stats", Parsers::statsPath,
          false, "path of the stats page in the application (the JSON is the same path with"
              + " .json, or ?format=json); never resolved as a tenant");

  /** The role the stats page requires. */
  public static final Setting<String> STATS_ROLE =
      new Setting<>(PREFIX + "stats.role", List.of(), "tenant-filter-admin", Parsers::roleName,
          false, "role a user needs for the stats page; the application authenticates (its"
              + " login-config or Jakarta Security)");

  /** How often the stats page samples the counters. */
  public static final Setting<Duration> STATS_INTERVAL =
      new Setting<>(PREFIX + "stats.interval", List.of(), "10s",
          Parsers.duration(Duration.ofSeconds(1), Duration.ofHours(1)), false,
          "how often the hit rates are sampled for the chart");

  /** How many samples the stats page keeps. */
  public static final Setting<Integer> STATS_HISTORY =
      new Setting<>(PREFIX + "stats.history", List.of(), "360", Parsers.integer(2, 10_000), false,
          "samples kept for the chart (360 at 10 s: one hour)");

  /** How many tenants the stats page lists. */
  public static final Setting<Integer> STATS_TOP =
      new Setting<>(PREFIX + "stats.top", List.of(), "10", Parsers.integer(1, 100), false,
          "tenants listed by traffic (10 times as many are tracked, Space-Saving)");

  /** Every setting, in documentation order. */
  public static final List<Setting<?>> ALL =
      List.of(
          ENABLED, BASE_DOMAINS, CUSTOM_DOMAINS, HEADER, HEADER_SOURCES, TRUSTED_PROXIES,
          TRUSTED_PROXIES_HOST_HEADER, IP_HOSTS,
          STATUS_OUTCOMES, JMX, STATS_ENABLED, STATS_PATH, STATS_ROLE, STATS_INTERVAL,
          STATS_HISTORY, STATS_TOP, UNKNOWN_TENANT, EXCLUDE_PATHS,
          ERROR_RESPONSE, RETRY_AFTER, LOCAL_CACHE_SIZE, LOCAL_CACHE_TTL, REFRESH_AHEAD, STALE_IF_ERROR,
          NEGATIVE_CACHE_SIZE, NEGATIVE_CACHE_TTL, REDIS_URL, REDIS_MODE, REDIS_SENTINEL_MASTER,
          REDIS_TLS_CA_FILE,
          REDIS_TLS_CERT_FILE, REDIS_TLS_KEY_FILE, REDIS_TTL, REDIS_KEY_PREFIX, REDIS_TIMEOUT, REDIS_POOL_SIZE,
          REDIS_CIRCUIT_THRESHOLD, REDIS_CIRCUIT_TIMEOUT, DATASOURCE,
          JDBC_URL, JDBC_USER, JDBC_PASSWORD, STORE_TIMEOUT, STORE_NOTIFY_CHANNEL, QUERY_BY_ID, QUERY_BY_SUBDOMAIN,
          QUERY_BY_DOMAIN);

  private Settings() {}

  /** The default queries, written for the schema in {@code src/sql/schema.sql}. */
  public static final class Queries {
    private static final String SELECT =
        "SELECT t.id, t.name, t.subdomain, t.plan, t.status, t.settings::text AS settings,"
            + " t.updated_at,"
            + " ARRAY(SELECT d.domain FROM tenant_domains d WHERE d.tenant_id = t.id"
            + " ORDER BY d.domain) AS custom_domains"
            + " FROM tenants t";

    /** Default query by id. */
    public static final String BY_ID = SELECT + " WHERE t.id = ?";

    /** Default query by subdomain. */
    public static final String BY_SUBDOMAIN = SELECT + " WHERE t.subdomain = ?";

    /** Default query by custom domain. */
    public static final String BY_DOMAIN =
        SELECT + " WHERE t.id = (SELECT d.tenant_id FROM tenant_domains d WHERE d.domain = ?)";

    private Queries() {}
  }
}
