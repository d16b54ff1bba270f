package io.github.tenantfilter.cache;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.resolve.LookupKey;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Redis as the shared tier, through Jedis.
 *
 * <p>Layout under the configured prefix {@code p}:
 *
 * <ul>
 *   <li>{@code p tenant:id:{id}}, {@code p tenant:subdomain:{label}}, {@code p
 *       tenant:domain:{host}}: the tenant as JSON ({@link TenantCodec}) with the time it is fresh
 *       until; the key lives that long plus the stale-if-error window;
 *   <li>{@code p tenant:keys:{id}}: the set of every key written for that tenant, so that an
 *       invalidation also removes the keys of domains the tenant no longer has;
 *   <li>{@code p tenant:epoch}: a counter advanced by every invalidation. A load reads it with the
 *       value (one {@code MGET}) and writes only if it has not moved, atomically in a script, so a
 *       load that read the database before an invalidation cannot put the old record back.
 * </ul>
 *
 * <p>Jedis exceptions are translated to {@link RemoteTierException}; a connection that failed is
 * discarded by Jedis's pool, never reused.
 */
final class RedisTier implements RemoteTier {

  /** KEYS: value, index, epoch. ARGV: json, ttl seconds, expected epoch, index ttl seconds. */
  private static final String FILL =
      "local e = redis.call('GET', KEYS[3]) or '0'\n"
          + "if e ~= ARGV[3] then return 0 end\n"
          + "redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])\n"
          + "redis.call('SADD', KEYS[2], KEYS[1])\n"
          + "if redis.call('TTL', KEYS[2]) < tonumber(ARGV[4]) then\n"
          + "  redis.call('EXPIRE', KEYS[2], ARGV[4])\n"
          + "end\n"
          + "return 1";

  /** KEYS: index, id key, epoch. */
  private static final String INVALIDATE =
      "local keys = redis.call('SMEMBERS', KEYS[1])\n"
          + "for _, k in ipairs(keys) do redis.call('DEL', k) end\n"
          + "redis.call('DEL', KEYS[1], KEYS[2])\n"
          + "redis.call('INCR', KEYS[3])\n"
          + "return #keys";

  private final UnifiedJedis redis;
  private final String prefix;
  private final String epochKey;
  private final String channel;
  private final long ttlSeconds;
  private final long staleSeconds;
  private final java.util.function.LongSupplier now;
  private final TenantCodec codec;
  private final DoubleSupplier random;
  private final String description;

  RedisTier(
      UnifiedJedis redis,
      String keyPrefix,
      Duration ttl,
      TenantCodec codec,
      DoubleSupplier random,
      String description) {
    this(redis, keyPrefix, ttl, Duration.ZERO, System::currentTimeMillis, codec, random, description);
  }

  /**
   * Creates the tier.
   *
   * @param staleIfError how long past its TTL a value stays in Redis, marked stale (its {@code
   *     freshUntil} passed), to be served only when the store cannot answer
   * @param now wall-clock milliseconds, shared by the nodes
   */
  RedisTier(
      UnifiedJedis redis,
      String keyPrefix,
      Duration ttl,
      Duration staleIfError,
      java.util.function.LongSupplier now,
      TenantCodec codec,
      DoubleSupplier random,
      String description) {
    this.redis = redis;
    this.prefix = keyPrefix + "tenant:";
    this.epochKey = prefix + "epoch";
    this.channel = invalidationChannel(keyPrefix);
    this.ttlSeconds = Math.max(1, ttl.toSeconds());
    this.staleSeconds = Math.max(0, staleIfError.toSeconds());
    this.now = now;
    this.codec = codec;
    this.random = random;
    this.description = description;
  }

  /**
   * Creates the Jedis client for {@code url}. Connects lazily: a Redis that is down now does not
   * stop the application from starting.
   */
  static UnifiedJedis client(URI url, Duration timeout, int poolSize) {
    return client(url, timeout, poolSize, null);
  }

  /**
   * Creates the Jedis client for {@code url}, with {@code tls} (or the JVM's default when null)
   * for {@code rediss://}.
   */
  static UnifiedJedis client(URI url, Duration timeout, int poolSize, SSLSocketFactory tls) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(poolSize);
    pool.setMaxIdle(poolSize);
    pool.setMinIdle(0);
    // commons-pool waits forever by default; a request must never wait longer than the timeout
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(timeout);
    pool.setTestOnBorrow(false);
    return RedisClient.builder()
        .hostAndPort(JedisURIHelper.getHostAndPort(url))
        .clientConfig(clientConfig(url, timeout, tls))
        .poolConfig(pool)
        .build();
  }

  /**
   * Connection settings for {@code url}: timeouts, credentials, TLS, database. A {@code rediss://}
   * connection verifies the server's certificate against {@code tls}'s trust ({@code null}: the
   * JVM's default socket factory and trust store) and checks that it names the URL's host (DNS or
   * IP subject alternative name). Jedis 8 checks the name by default too, but only when given no
   * SSL parameters of ours; set here so that it does not hang on a library default.
   */
  static DefaultJedisClientConfig clientConfig(URI url, Duration timeout, SSLSocketFactory tls) {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    boolean ssl = JedisURIHelper.isRedisSSLScheme(url);
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(millis)
            .socketTimeoutMillis(millis)
            .clientName("tenant-filter")
            .ssl(ssl);
    if (ssl) {
      SSLParameters parameters = new SSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the server's name is checked
      config.sslParameters(parameters);
      if (tls != null) {
        config.sslSocketFactory(tls);
      }
    }
    String user = JedisURIHelper.getUser(url);
    String password = JedisURIHelper.getPassword(url);
    if (user != null) {
      config.user(user);
    }
    if (password != null) {
      config.password(password);
    }
    if (JedisURIHelper.hasDbIndex(url)) {
      config.database(JedisURIHelper.getDBIndex(url));
    }
    return config.build();
  }

  String key(LookupKey key) {
    return prefix + key.cacheKey();
  }

  private String indexKey(String tenantId) {
    return prefix + "keys:" + tenantId;
  }

  @Override
  public Read read(LookupKey key) throws RemoteTierException {
    try {
      List<String> values = redis.mget(key(key), epochKey);
      if (values == null || values.size() != 2) {
        throw new RemoteTierException("MGET returned " + values, null);
      }
      String epoch = values.get(1);
      return new Read(values.get(0), epoch == null ? "0" : epoch);
    } catch (JedisException | ClassCastException e) {
      throw translate("read", e);
    }
  }

  @Override
  public boolean write(LookupKey key, Tenant tenant, String epoch) throws RemoteTierException {
    // up to 10 % less, so that tenants loaded together do not expire together
    long ttl = Math.max(1, ttlSeconds - (long) (ttlSeconds * 0.1 * random.getAsDouble()));
    try {
      Object stored =
          redis.eval(
              FILL,
              List.of(key(key), indexKey(tenant.id()), epochKey),
              List.of(
                  codec.encode(tenant, now.getAsLong() + ttl * 1000),
                  Long.toString(ttl + staleSeconds),
                  epoch,
                  Long.toString(ttlSeconds + staleSeconds)));
      return Long.valueOf(1).equals(stored);
    } catch (JedisException e) {
      throw translate("write", e);
    }
  }

  @Override
  public void delete(LookupKey key) throws RemoteTierException {
    try {
      redis.del(key(key));
    } catch (JedisException e) {
      throw translate("delete", e);
    }
  }

  @Override
  public void invalidate(String tenantId) throws RemoteTierException {
    try {
      redis.eval(
          INVALIDATE,
          List.of(indexKey(tenantId), key(LookupKey.id(tenantId)), epochKey),
          List.of());
    } catch (JedisException e) {
      throw translate("invalidate", e);
    }
  }

  /** The pub/sub channel on which nodes tell each other about invalidations. */
  static String invalidationChannel(String keyPrefix) {
    return keyPrefix + "tenant:invalidations";
  }

  @Override
  public void publish(String message) throws RemoteTierException {
    try {
      redis.publish(channel, message);
    } catch (JedisException e) {
      throw translate("publish", e);
    }
  }

  @Override
  public void invalidateAll() throws RemoteTierException {
    try {
      ScanParams params = new ScanParams().match(escapeGlob(prefix) + "*").count(1000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = redis.scan(cursor, params);
        List<String> keys = new ArrayList<>(page.getResult());
        keys.remove(epochKey);
        if (!keys.isEmpty()) {
          redis.del(keys.toArray(String[]::new));
        }
        cursor = page.getCursor();
      } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
      redis.incr(epochKey);
    } catch (JedisException e) {
      throw translate("invalidate all", e);
    }
  }

  private static String escapeGlob(String text) {
    return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }

  @Override
  public void dropIdleConnections() {
    if (redis instanceof RedisClient client) {
      try {
        client.getPool().clear();
      } catch (RuntimeException ignored) {
        // the pool is closing
      }
    }
  }

  private RemoteTierException translate(String operation, Exception e) {
    if (e instanceof JedisConnectionException) {
      // the failed connection is discarded by Jedis; its idle siblings are probably dead too
      // (a restarted or failed-over Redis): drop them, so that the next call opens a fresh one
      dropIdleConnections();
    }
    return new RemoteTierException(
        "Redis " + operation + " failed at " + description + ": " + e.getMessage(), e);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    redis.close();
  }
}
