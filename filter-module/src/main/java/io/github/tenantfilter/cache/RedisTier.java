package io.github.tenantfilter.cache;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.resolve.LookupKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import redis.clients.jedis.ScanIteration;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Redis as the shared tier, through Jedis: one server, Sentinel or a Cluster alike ({@link
 * RedisClients}).
 *
 * <p>Layout ({@link RedisKeys}) under the configured prefix {@code p}, every key in the one hash
 * slot of the tag {@code {tenant}}:
 *
 * <ul>
 *   <li>{@code p{tenant}:id:<id>}, {@code p{tenant}:subdomain:<label>}, {@code
 *       p{tenant}:domain:<host>}: the tenant as JSON ({@link TenantCodec}) with the time it is
 *       fresh until; the key lives that long plus the stale-if-error window;
 *   <li>{@code p{tenant}:keys:<id>}: the set of every key written for that tenant, so that an
 *       invalidation also removes the keys of domains the tenant no longer has;
 *   <li>{@code p{tenant}:epoch}: a counter advanced by every invalidation. A load reads it with
 *       the value (one {@code MGET}) and writes only if it has not moved, atomically in a script,
 *       so a load that read the database before an invalidation cannot put the old record back.
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

  private final RedisClients redis;
  private final RedisKeys keys;
  private final long ttlSeconds;
  private final long staleSeconds;
  private final java.util.function.LongSupplier now;
  private final TenantCodec codec;
  private final DoubleSupplier random;
  private final String description;

  RedisTier(
      RedisClients redis,
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
      RedisClients redis,
      String keyPrefix,
      Duration ttl,
      Duration staleIfError,
      java.util.function.LongSupplier now,
      TenantCodec codec,
      DoubleSupplier random,
      String description) {
    this.redis = redis;
    this.keys = new RedisKeys(keyPrefix);
    this.ttlSeconds = Math.max(1, ttl.toSeconds());
    this.staleSeconds = Math.max(0, staleIfError.toSeconds());
    this.now = now;
    this.codec = codec;
    this.random = random;
    this.description = description;
  }

  String key(LookupKey key) {
    return keys.value(key);
  }

  @Override
  public Read read(LookupKey key) throws RemoteTierException {
    try {
      List<String> values = redis.client().mget(key(key), keys.epoch());
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
          redis.client().eval(
              FILL,
              List.of(key(key), keys.index(tenant.id()), keys.epoch()),
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
      redis.client().del(key(key));
    } catch (JedisException e) {
      throw translate("delete", e);
    }
  }

  @Override
  public void invalidate(String tenantId) throws RemoteTierException {
    try {
      redis.client().eval(
          INVALIDATE,
          List.of(keys.index(tenantId), key(LookupKey.id(tenantId)), keys.epoch()),
          List.of());
    } catch (JedisException e) {
      throw translate("invalidate", e);
    }
  }

  /** The pub/sub channel on which nodes tell each other about invalidations. */
  static String invalidationChannel(String keyPrefix) {
    return new RedisKeys(keyPrefix).channel();
  }

  @Override
  public void publish(String message) throws RemoteTierException {
    try {
      redis.client().publish(keys.channel(), message);
    } catch (JedisException e) {
      throw translate("publish", e);
    }
  }

  /**
   * Deletes every key under the prefix, then advances the epoch. The scan visits every node the
   * client knows: the one server, the master, or every node of a cluster (all masters, and the
   * replicas, whose keys are their masters'). With the one hash tag, all of them are in one slot;
   * the scan does not rely on it: wherever the slot lives at the moment, its keys are found.
   */
  @Override
  public void invalidateAll() throws RemoteTierException {
    try {
      UnifiedJedis client = redis.client();
      ScanIteration scan = client.scanIteration(1000, keys.pattern());
      while (!scan.isIterationCompleted()) {
        java.util.Collection<String> page = scan.nextBatchList();
        // one DEL per hash slot: a multi-key command must stay within one slot in a cluster
        Map<Integer, List<String>> bySlot = new TreeMap<>();
        for (String key : page) {
          if (!key.equals(keys.epoch())) {
            bySlot.computeIfAbsent(JedisClusterCRC16.getSlot(key), slot -> new ArrayList<>())
                .add(key);
          }
        }
        for (List<String> slotKeys : bySlot.values()) {
          client.del(slotKeys.toArray(String[]::new));
        }
      }
      client.incr(keys.epoch());
    } catch (JedisException e) {
      throw translate("invalidate all", e);
    }
  }

  @Override
  public void dropIdleConnections() {
    redis.dropIdleConnections();
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
