// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.TtlClass;
import io.github.tenantfilter.internal.resolve.AddressRanges;
import io.github.tenantfilter.internal.resolve.ForwardedHostHeader;
import io.github.tenantfilter.internal.resolve.IpHostPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

// Over 300 lines: it is the one declaration of every setting, and nothing else.
/**
 * Every setting of the filter, with its name, environment variables and default, each declared
 * once; {@link #ALL} lists them in the order declared. docs/settings.md's settings table lists the
 * same (a test keeps them together).
 *
 * <p>A new setting is one declaration here and one row there; {@link TenantFilterConfig#get}
 * returns its value, already parsed and checked when the application started.
 */
public final class Settings {

  private static final String PREFIX = "tenant-filter.";

  /** Filled as the declarations below run, in their order; must come before them. */
  private static final List<Setting<?>> DECLARED = new ArrayList<>();

  /**
   * {@value #PREFIX}enabled: the filter resolves tenants ({@code false} passes every request
   * through).
   */
  public static final Setting<Boolean> ENABLED =
      setting("enabled", "true", Parsers::bool)
          .describedAs(
              "true or false; false turns the filter off (requests pass through untouched)");

  /** Base domains whose one-label subdomains name tenants. */
  public static final Setting<List<String>> BASE_DOMAINS =
      setting("base-domains", "", Parsers::domains)
          .describedAs("comma-separated base domains; acme.<base> is looked up by subdomain acme");

  /** Whether hosts outside the base domains are looked up as custom domains. */
  public static final Setting<Boolean> CUSTOM_DOMAINS =
      setting("custom-domains", "true", Parsers::bool)
          .describedAs("look up hosts outside the base domains as custom domains");

  /** Header carrying a tenant id; off when empty. */
  public static final Setting<String> HEADER =
      setting("header", "", Parsers::headerName)
          .describedAs(
              "name of a header that carries the tenant id (such as X-Tenant-Id); empty: off");

  /** Peers the tenant-id header is accepted from. */
  public static final Setting<AddressRanges> HEADER_SOURCES =
      setting("header.sources", "", Parsers::addressRanges)
          .describedAs(
              "IP addresses and CIDR ranges the tenant-id header is accepted from (such as your "
                  + "API gateway); from any other peer it is ignored; empty: any peer");

  /** Path prefix whose next segment names the tenant by id; off when empty. */
  public static final Setting<String> PATH_PREFIX =
      setting("path.prefix", "", Parsers::pathPrefix)
          .describedAs("a path prefix such as /t: /t/{tenant-id}/... names the tenant by id, ahead"
              + " of the host; empty: off");

  /** Whether the application sees the path after the tenant segment. */
  public static final Setting<Boolean> PATH_FORWARD =
      setting("path.forward", "false", Parsers::bool)
          .describedAs("true: a request for /t/acme/orders is forwarded to /orders (the application"
              + " sees the rest of the path); false: it sees the full path");

  /** The tenant of requests that name none. */
  public static final Setting<String> DEFAULT_TENANT =
      setting("default-tenant", "", Parsers::tenantId)
          .describedAs("id of the tenant of requests that name none (single-tenant deployments);"
              + " empty: such requests are unknown tenants");

  /** The claim of a verified MicroProfile JWT that names the user's tenant; off when empty. */
  public static final Setting<String> JWT_CLAIM =
      setting("jwt.claim", "", Parsers::claimName)
          .describedAs("name of the claim of a verified MicroProfile JWT that names the user's"
              + " tenant: it names the tenant where nothing else does, and a request whose token"
              + " names another tenant, or none, is 403; empty: off");

  /** The MDC key the request's tenant id is put under; off when empty. */
  public static final Setting<String> LOG_MDC =
      setting("log.mdc", "", Parsers::claimName)
          .describedAs("MDC key (such as tenant) under which the request's tenant id goes into"
              + " every MDC the application can reach (SLF4J, JBoss Logging, Log4j 2) for the"
              + " request; empty: off");

  /** Proxies whose forwarded headers are believed. */
  public static final Setting<AddressRanges> TRUSTED_PROXIES =
      setting("trusted-proxies", "", Parsers::addressRanges)
          .describedAs(
              "IP addresses and CIDR ranges of your reverse proxies: from them (only) the header "
                  + "named by trusted-proxies.host-header names the host; empty: forwarded headers "
                  + "are always ignored");

  /** The one header the trusted proxies write the client's host into. */
  public static final Setting<ForwardedHostHeader> TRUSTED_PROXIES_HOST_HEADER =
      setting("trusted-proxies.host-header", "none", Parsers.enumOf(ForwardedHostHeader.class))
          .describedAs(
              "the header your trusted proxies write the client's host into, and the only one "
                  + "read: forwarded (RFC 7239 host=), x-forwarded-host (set, not appended, by the "
                  + "proxy) or none (Host always); the other header is never read");

  /** What an IP address as Host gets. */
  public static final Setting<IpHostPolicy> IP_HOSTS =
      setting("ip-hosts", "unknown", Parsers.enumOf(IpHostPolicy.class))
          .describedAs(
              "a Host that is an IP address: unknown (no tenant, as unknown-tenant says), reject "
                  + "(400) or lookup (looked up as a custom domain)");

  /** What each tenant status gets. */
  public static final Setting<StatusOutcomes> STATUS_OUTCOMES =
      setting("status-outcomes", "active=serve,suspended=403,deleted=410,*=403",
          StatusOutcomes::parse)
          .describedAs(
              "what a tenant's status gets: status=serve or status=403|404|410|423|451|503, * "
                  + "for any other status; only statuses named serve are served");

  /** Whether the JMX bean is registered. */
  public static final Setting<Boolean> JMX =
      setting("jmx", "false", Parsers::bool)
          .describedAs(
              "register the JMX MXBean "
                  + "io.github.tenantfilter:type=TenantFilter,application=<context path> "
                  + "(statistics, settings, invalidation); off by default, since JMX access then "
                  + "allows invalidation");

  /** Whether the stats page is registered. */
  public static final Setting<Boolean> STATS_ENABLED =
      setting("stats.enabled", "false", Parsers::bool)
          .describedAs(
              "register the stats page (hit rates over time, breaker, top tenants) and its JSON "
                  + "at tenant-filter.stats.path, for users in tenant-filter.stats.role only; off "
                  + "by default");

  /** Where the stats page is. */
  public static final Setting<String> STATS_PATH =
      setting("stats.path", "/tenant-filter/stats", Parsers::statsPath)
          .describedAs(
              "path of the stats page in the application (the JSON is the same path with .json, "
                  + "or ?format=json); never resolved as a tenant");

  /** The role the stats page requires. */
  public static final Setting<String> STATS_ROLE =
      setting("stats.role", "tenant-filter-admin", Parsers::roleName)
          .describedAs(
              "role a user needs for the stats page; the application authenticates (its "
                  + "login-config or Jakarta Security)");

  /** How often the stats page samples the counters. */
  public static final Setting<Duration> STATS_INTERVAL =
      setting("stats.interval", "10s", Parsers.duration(Duration.ofSeconds(1), Duration.ofHours(1)))
          .describedAs("how often the hit rates are sampled for the chart");

  /** How many samples the stats page keeps. */
  public static final Setting<Integer> STATS_HISTORY =
      setting("stats.history", "360", Parsers.integer(2, 10_000))
          .describedAs("samples kept for the chart (360 at 10 s: one hour)");

  /** How many tenants the stats page lists. */
  public static final Setting<Integer> STATS_TOP =
      setting("stats.top", "10", Parsers.integer(1, 100))
          .describedAs("tenants listed by traffic (10 times as many are tracked, Space-Saving)");

  /** What to do with an unknown tenant. */
  public static final Setting<UnknownTenantPolicy> UNKNOWN_TENANT =
      setting("unknown-tenant", "404", Parsers.enumOf(UnknownTenantPolicy.class,
          policy -> switch (policy) {
            case NOT_FOUND -> "404";
            case PASS -> "pass";
          }))
          .describedAs("404 (answer Not Found) or pass (serve the request without a tenant)");

  /** Paths never resolved. */
  public static final Setting<List<String>> EXCLUDE_PATHS =
      setting("exclude-paths", "", Parsers::pathPatterns)
          .describedAs("servlet URL patterns served without a tenant: /health, /static/*, *.css");

  /** How rejections are written. */
  public static final Setting<ErrorResponse> ERROR_RESPONSE =
      setting("error-response", "text", Parsers.enumOf(ErrorResponse.class))
          .describedAs(
              "text (a short plain-text body) or container (sendError: the application's "
                  + "<error-page> or the server's page)");

  /** Retry-After of a 503. */
  public static final Setting<Duration> RETRY_AFTER =
      setting("retry-after", "5", Parsers.duration(Duration.ofSeconds(1), Duration.ofHours(1)))
          .describedAs("Retry-After of the 503 sent when the store is down and nothing is cached");

  /** Entries the heap tier holds. */
  public static final Setting<Integer> LOCAL_CACHE_SIZE =
      setting("local-cache.size", "1000", Parsers.integer(1, 10_000_000))
          .environment("LOCAL_CACHE_SIZE")
          .describedAs("tenant keys held in the heap tier (L1)");

  /** Time to live in the heap tier. */
  public static final Setting<Duration> LOCAL_CACHE_TTL =
      setting("local-cache.ttl", "60", Parsers.duration(Duration.ofMillis(1), Duration.ofDays(1)))
          .environment("LOCAL_CACHE_TTL")
          .describedAs("time to live in the heap tier; bounds staleness on every node");

  /** Share of the heap TTL, at its end, in which a hit reloads the entry in the background. */
  public static final Setting<Integer> REFRESH_AHEAD =
      setting("local-cache.refresh-ahead", "0", Parsers.integer(0, 90))
          .describedAs(
              "percent of the heap TTL, at its end, in which a hit also reloads the entry in the "
                  + "background (from Redis, else the store), so hot tenants never miss; 0: off");

  /** How long past its TTL a cached tenant may serve while the store fails. */
  public static final Setting<Duration> STALE_IF_ERROR =
      setting("stale-if-error", "300", Parsers.duration(Duration.ZERO, Duration.ofDays(7)))
          .describedAs(
              "how long past its TTL a cached tenant is still served while the tenant store "
                  + "cannot answer (RFC 5861 stale-if-error; 0: never)");

  /** What the readiness check says while the store is down. */
  public static final Setting<StoreDownReadiness> READINESS_STORE_DOWN =
      setting("readiness.store-down", "up-while-serving",
          Parsers.enumOf(StoreDownReadiness.class))
          .describedAs(
              "what the readiness check says while the tenant store cannot answer: "
                  + "up-while-serving (UP while this node still serves cached tenants: its heap "
                  + "tier holds one within stale-if-error, or Redis answers; DOWN once it can "
                  + "serve none) or down (DOWN whenever the store is down)");

  /** Unknown hosts remembered. */
  public static final Setting<Integer> NEGATIVE_CACHE_SIZE =
      setting("negative-cache.size", "10000", Parsers.integer(0, 10_000_000))
          .describedAs("unknown keys remembered in their own heap space (0: none)");

  /** How long an unknown host is remembered. */
  public static final Setting<Duration> NEGATIVE_CACHE_TTL =
      setting("negative-cache.ttl", "30",
          Parsers.duration(Duration.ofMillis(1), Duration.ofHours(1)))
          .describedAs("how long an unknown key is remembered");

  /** Redis connection URL; no Redis tier when empty. */
  public static final Setting<URI> REDIS_URL =
      setting("redis.url", "", Parsers::redisUrl)
          .environment("REDIS_URL")
          .secret()
          .describedAs(
              "redis://[user:password@]host[:port][/db] or rediss:// (TLS); for sentinel and "
                  + "cluster modes several host[:port] separated by commas; empty: no Redis tier");

  /** Standalone, sentinel or cluster. */
  public static final Setting<RedisMode> REDIS_MODE =
      setting("redis.mode", "standalone", Parsers.enumOf(RedisMode.class))
          .describedAs(
              "standalone (the URL names one Redis), sentinel (the URL names the sentinels) or "
                  + "cluster (the URL names some nodes of a Redis Cluster)");

  /** The master's name in sentinel mode. */
  public static final Setting<String> REDIS_SENTINEL_MASTER =
      setting("redis.sentinel.master", "", Parsers::sentinelMaster)
          .describedAs(
              "in sentinel mode, the name of the master the sentinels monitor (such as "
                  + "mymaster); required there, refused in the other modes");

  /** CA certificates trusted for rediss:// instead of the JVM's trust store. */
  public static final Setting<Path> REDIS_TLS_CA_FILE =
      setting("redis.tls.ca-file", "", RedisTls::certificateFile)
          .describedAs(
              "PEM file of the CA certificates trusted for rediss:// instead of the JVM's trust "
                  + "store; empty: the JVM's trust store");

  /** Client certificate for rediss:// servers that require one. */
  public static final Setting<Path> REDIS_TLS_CERT_FILE =
      setting("redis.tls.cert-file", "", RedisTls::certificateFile)
          .describedAs(
              "PEM file of the client certificate (then its chain) that rediss:// presents to a "
                  + "Redis with tls-auth-clients; needs tenant-filter.redis.tls.key-file");

  /** Private key of the client certificate. */
  public static final Setting<Path> REDIS_TLS_KEY_FILE =
      setting("redis.tls.key-file", "", RedisTls::keyFile)
          .describedAs(
              "PEM file of the client certificate's private key, unencrypted PKCS#8 (BEGIN "
                  + "PRIVATE KEY); the path is shown in messages, the key never");

  /** Time to live in Redis. */
  public static final Setting<Duration> REDIS_TTL =
      setting("redis.ttl", "3600", Parsers.duration(Duration.ofSeconds(1), Duration.ofDays(30)))
          .environment("CACHE_TTL_TENANT")
          .describedAs("time to live in Redis (L2), less up to 10 % jitter");

  /** Prefix of every Redis key. */
  public static final Setting<String> REDIS_KEY_PREFIX =
      setting("redis.key-prefix", "", Parsers::keyPrefix)
          .describedAs(
              "namespace before every key ({tenant}:id:..), so that applications can share a "
                  + "Redis; no braces");

  /** Redis connect and read timeout. */
  public static final Setting<Duration> REDIS_TIMEOUT =
      setting("redis.timeout", "100ms",
          Parsers.duration(Duration.ofMillis(1), Duration.ofSeconds(60)))
          .describedAs(
              "Redis connect and read timeout, and the longest wait for a pooled connection");

  /** Redis connections per node. */
  public static final Setting<Integer> REDIS_POOL_SIZE =
      setting("redis.pool-size", "16", Parsers.integer(1, 1024))
          .describedAs("most Redis connections open at once on one node");

  /** Failures in a row that open the circuit around Redis. */
  public static final Setting<Integer> REDIS_CIRCUIT_THRESHOLD =
      setting("redis.circuit.threshold", "3", Parsers.integer(1, 1000))
          .environment("REDIS_CIRCUIT_THRESHOLD")
          .describedAs("Redis calls failing in a row that open the circuit breaker");

  /** Seconds the circuit stays open. */
  public static final Setting<Integer> REDIS_CIRCUIT_TIMEOUT =
      setting("redis.circuit.timeout", "60", Parsers.integer(1, 86_400))
          .environment("REDIS_CIRCUIT_TIMEOUT")
          .describedAs("whole seconds the circuit stays open before one probe call");

  /** JNDI name of the DataSource. */
  public static final Setting<String> DATASOURCE =
      setting("datasource", "", Parsers::optionalText)
          .describedAs("JNDI name of the DataSource holding the tenants (such as jdbc/tenants)");

  /** JDBC URL, the simple alternative to a DataSource. */
  public static final Setting<String> JDBC_URL =
      setting("jdbc.url", "", Parsers::jdbcUrl)
          .secret()
          .describedAs(
              "JDBC URL used instead of a DataSource (a small pool of its own, of at most "
                  + "tenant-filter.jdbc.pool-size connections, each checked before reuse; for "
                  + "development and small deployments)");

  /** JDBC user. */
  public static final Setting<String> JDBC_USER =
      setting("jdbc.user", "", Parsers::optionalText)
          .describedAs("user for tenant-filter.jdbc.url");

  /** JDBC password. */
  public static final Setting<String> JDBC_PASSWORD =
      setting("jdbc.password", "", Parsers::optionalText)
          .secret()
          .describedAs("password for tenant-filter.jdbc.url");

  /** Most connections the JDBC URL's own pool opens. */
  public static final Setting<Integer> JDBC_POOL_SIZE =
      setting("jdbc.pool-size", "10", Parsers.integer(1, 1000))
          .describedAs(
              "most connections open at once over tenant-filter.jdbc.url (the LISTEN of "
                  + "store.notify-channel holds one); a lookup waits at most store.timeout for a "
                  + "free one, then fails (503)");

  /** Store query timeout. */
  public static final Setting<Duration> STORE_TIMEOUT =
      setting("store.timeout", "2", Parsers.duration(Duration.ofSeconds(1), Duration.ofMinutes(5)))
          .describedAs("query timeout of the tenant store (whole seconds)");

  /** PostgreSQL channel to LISTEN on for automatic invalidation. */
  public static final Setting<String> STORE_NOTIFY_CHANNEL =
      setting("store.notify-channel", "", Parsers::channel)
          .describedAs(
              "PostgreSQL channel to LISTEN on: a notification with a tenant id invalidates it "
                  + "(the trigger in src/sql/notify.sql uses tenant_filter); empty: off");

  /** Query by id. */
  public static final Setting<String> QUERY_BY_ID =
      setting("store.query.by-id", Queries.BY_ID, Parsers::query)
          .describedAs("SELECT that finds a tenant by id (one ? parameter)");

  /** Query by subdomain. */
  public static final Setting<String> QUERY_BY_SUBDOMAIN =
      setting("store.query.by-subdomain", Queries.BY_SUBDOMAIN, Parsers::query)
          .describedAs("SELECT that finds a tenant by subdomain (one ? parameter)");

  /** Query by custom domain. */
  public static final Setting<String> QUERY_BY_DOMAIN =
      setting("store.query.by-domain", Queries.BY_DOMAIN, Parsers::query)
          .describedAs("SELECT that finds a tenant by custom domain (one ? parameter)");

  /** The Redis TTL of the cache regions' TTL class SESSION. */
  public static final Setting<Duration> TTL_CLASS_SESSION =
      declareTtlClass(TtlClass.SESSION);

  /** The Redis TTL of the cache regions' TTL class RATE_LIMIT. */
  public static final Setting<Duration> TTL_CLASS_RATE_LIMIT =
      declareTtlClass(TtlClass.RATE_LIMIT);

  /** The Redis TTL of the cache regions' TTL class SHORT. */
  public static final Setting<Duration> TTL_CLASS_SHORT =
      declareTtlClass(TtlClass.SHORT);

  /** The Redis TTL of the cache regions' TTL class MEDIUM. */
  public static final Setting<Duration> TTL_CLASS_MEDIUM =
      declareTtlClass(TtlClass.MEDIUM);

  /** The Redis TTL of the cache regions' TTL class LONG. */
  public static final Setting<Duration> TTL_CLASS_LONG =
      declareTtlClass(TtlClass.LONG);

  /** Every setting, in the order declared above (the documentation's); must come after them. */
  public static final List<Setting<?>> ALL = List.copyOf(DECLARED);

  private static final Map<String, Setting<?>> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Setting::name, setting -> setting));

  private Settings() {}

  /** {@return the setting named {@code name}, or {@code null}} */
  public static Setting<?> byName(String name) {
    return BY_NAME.get(name);
  }

  /** The setting of a TTL class's Redis TTL ({@code CACHE_TTL_<CLASS>} in the environment). */
  public static Setting<Duration> ttlClass(TtlClass ttlClass) {
    return switch (ttlClass) {
      case SESSION -> TTL_CLASS_SESSION;
      case RATE_LIMIT -> TTL_CLASS_RATE_LIMIT;
      case SHORT -> TTL_CLASS_SHORT;
      case MEDIUM -> TTL_CLASS_MEDIUM;
      case LONG -> TTL_CLASS_LONG;
    };
  }

  /** Declares {@code tenant-filter.ttl-class.<class>}, default the class's own TTL. */
  private static Setting<Duration> declareTtlClass(TtlClass ttlClass) {
    String name = ttlClass.name();
    return setting("ttl-class." + name.toLowerCase(Locale.ROOT).replace('_', '-'),
            Long.toString(ttlClass.ttl().toSeconds()),
            Parsers.duration(Duration.ofSeconds(1), RegionSpec.MAX_TTL))
        .environment("CACHE_TTL_" + name)
        .describedAs("Redis TTL of the cache regions' TTL class " + name);
  }

  /** Starts the declaration of {@code tenant-filter.<suffix>}, which joins {@link #ALL}. */
  private static <T> Setting.Builder<T> setting(
      String suffix, String defaultValue, Setting.Parser<T> parser) {
    return Setting.named(PREFIX + suffix, defaultValue, parser).declaredTo(DECLARED::add);
  }

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
