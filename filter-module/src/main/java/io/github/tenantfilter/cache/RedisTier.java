package io.github.tenantfilter.cache;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.engine.RemoteUnavailable;
import io.github.tenantfilter.resolve.LookupKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis as the shared tier, through Jedis: one server, Sentinel or a Cluster alike ({@link
 * RedisClients}).
 *
 * <p>Layout ({@link RedisKeys}) under the configured prefix {@code p}, every key in the one hash
 * slot of the tag {@code {tenant}}:
 *
 * <ul>
 *   <li>{@code p{tenant}:id:<id>}, {@code p{tenant}:subdomain:<label>}, {@code
 *       p{tenant}:domain:<host>}: {@code <generation>|} followed by the tenant as JSON ({@link
 *       TenantCodec}) with the time it is fresh until; the key lives that long plus the
 *       stale-if-error window;
 *   <li>{@code p{tenant}:keys:<id>}: the set of every key written for that tenant, so that an
 *       invalidation also removes the keys of domains the tenant no longer has;
 *   <li>{@code p{tenant}:epoch}: a random token, replaced by every invalidation. A load reads it
 *       with the value (one {@code MGET}) and writes only if it has not changed, atomically in a
 *       script, so a load that read the database before an invalidation cannot put the old
 *       record back;
 *   <li>{@code p{tenant}:generation}: a random token, replaced by every full invalidation; a
 *       value written under another generation is dead (read as a miss), so emptying the tier
 *       is one atomic command, not a scan that loads could write behind.
 * </ul>
 *
 * <p>Tokens, not counters: if Redis loses the two keys (a restart, an eviction policy that
 * evicts any key), nothing written before can come back to life. A missing generation makes every
 * value dead; a missing epoch makes the fill that notices it fail (and set one).
 *
 * <p>Jedis exceptions are translated to {@link RemoteUnavailable}; a connection that failed is
 * discarded by Jedis's pool, never reused.
 */
final class RedisTier implements RemoteTier {

  /**
   * KEYS: value, index, epoch, generation. ARGV: json, ttl seconds, expected epoch, index ttl
   * seconds, a new token (for a lost epoch or generation).
   */
  private static final String FILL =
      "local e = redis.call('GET', KEYS[3])\n"
          + "if not e then redis.call('SET', KEYS[3], ARGV[5]) return 0 end\n"
          + "if e ~= ARGV[3] then return 0 end\n"
          + "local g = redis.call('GET', KEYS[4])\n"
          + "if not g then g = ARGV[5] redis.call('SET', KEYS[4], g) end\n"
          + "redis.call('SET', KEYS[1], g .. '|' .. ARGV[1], 'EX', ARGV[2])\n"
          + "redis.call('SADD', KEYS[2], KEYS[1])\n"
          + "if redis.call('TTL', KEYS[2]) < tonumber(ARGV[4]) then\n"
          + "  redis.call('EXPIRE', KEYS[2], ARGV[4])\n"
          + "end\n"
          + "return 1";

  /** KEYS: index, id key, epoch. ARGV: a new epoch. */
  private static final String INVALIDATE =
      "local keys = redis.call('SMEMBERS', KEYS[1])\n"
          + "for _, k in ipairs(keys) do redis.call('DEL', k) end\n"
          + "redis.call('DEL', KEYS[1], KEYS[2])\n"
          + "redis.call('SET', KEYS[3], ARGV[1])\n"
          + "return #keys";

  /** KEYS: generation, epoch. ARGV: a new generation, a new epoch. */
  private static final String INVALIDATE_ALL =
      "redis.call('SET', KEYS[1], ARGV[1])\n"
          + "redis.call('SET', KEYS[2], ARGV[2])\n"
          + "return 1";

  /** KEYS: generation, epoch. ARGV: a new generation, a new epoch; each set only if missing. */
  private static final String PREPARE =
      "redis.call('SET', KEYS[1], ARGV[1], 'NX')\n"
          + "redis.call('SET', KEYS[2], ARGV[2], 'NX')\n"
          + "return 1";

  /** What a read returns for an epoch Redis does not have. */
  private static final String NO_EPOCH = "";

  private final RedisClients redis;
  private final RedisKeys keys;
  private final long ttlSeconds;
  private final long staleSeconds;
  private final LongSupplier now;
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
      LongSupplier now,
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
  public Read read(LookupKey key) throws RemoteUnavailable {
    try {
      List<String> values = redis.client().mget(key(key), keys.epoch(), keys.generation());
      if (values == null || values.size() != 3) {
        throw new RemoteUnavailable("MGET returned " + values, null);
      }
      String epoch = values.get(1);
      return new Read(live(values.get(0), values.get(2)), epoch == null ? NO_EPOCH : epoch);
    } catch (JedisException | ClassCastException e) {
      throw translate("read", e);
    }
  }

  /** The value's JSON if it was written under {@code generation}, else {@code null} (dead). */
  private static String live(String stored, String generation) {
    if (stored == null || generation == null) {
      return null;
    }
    int length = generation.length();
    return stored.length() > length && stored.charAt(length) == '|'
        && stored.startsWith(generation) ? stored.substring(length + 1) : null;
  }

  /** A token no epoch or generation had before (64 random bits). */
  private static String token() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong());
  }

  @Override
  public boolean write(LookupKey key, Tenant tenant, String epoch) throws RemoteUnavailable {
    // up to 10 % less, so that tenants loaded together do not expire together
    long ttl = Math.max(1, ttlSeconds - (long) (ttlSeconds * 0.1 * random.getAsDouble()));
    try {
      Object stored =
          redis.client().eval(
              FILL,
              List.of(key(key), keys.index(tenant.id()), keys.epoch(), keys.generation()),
              List.of(
                  codec.encode(tenant, now.getAsLong() + ttl * 1000),
                  Long.toString(ttl + staleSeconds),
                  epoch,
                  Long.toString(ttlSeconds + staleSeconds),
                  token()));
      return Long.valueOf(1).equals(stored);
    } catch (JedisException e) {
      throw translate("write", e);
    }
  }

  @Override
  public void delete(LookupKey key) throws RemoteUnavailable {
    try {
      redis.client().del(key(key));
    } catch (JedisException e) {
      throw translate("delete", e);
    }
  }

  @Override
  public void invalidate(String tenantId) throws RemoteUnavailable {
    try {
      redis.client().eval(
          INVALIDATE,
          List.of(keys.index(tenantId), key(LookupKey.id(tenantId)), keys.epoch()),
          List.of(token()));
    } catch (JedisException e) {
      throw translate("invalidate", e);
    }
  }

  /** The pub/sub channel on which nodes tell each other about invalidations. */
  static String invalidationChannel(String keyPrefix) {
    return new RedisKeys(keyPrefix).channel();
  }

  @Override
  public void publish(String message) throws RemoteUnavailable {
    try {
      redis.client().publish(keys.channel(), message);
    } catch (JedisException e) {
      throw translate("publish", e);
    }
  }

  /**
   * Replaces the generation (every value written before is dead at once) and the epoch (no load
   * that read before can fill), in one script. The dead values are left to their TTL: deleting
   * them would cost a scan of the prefix, and no reader can see them.
   */
  @Override
  public void invalidateAll() throws RemoteUnavailable {
    try {
      redis.client().eval(
          INVALIDATE_ALL, List.of(keys.generation(), keys.epoch()), List.of(token(), token()));
    } catch (JedisException e) {
      throw translate("invalidate all", e);
    }
  }

  @Override
  public void prepare() throws RemoteUnavailable {
    try {
      redis.client().eval(
          PREPARE, List.of(keys.generation(), keys.epoch()), List.of(token(), token()));
    } catch (JedisException e) {
      throw translate("prepare", e);
    }
  }

  @Override
  public void dropIdleConnections() {
    redis.dropIdleConnections();
  }

  private RemoteUnavailable translate(String operation, Exception e) {
    String message = "Redis " + operation + " failed at " + description + ": " + e.getMessage();
    if (e instanceof JedisConnectionException) {
      // the failed connection is discarded by Jedis; its idle siblings are probably dead too
      // (a restarted or failed-over Redis): drop them, so that the next call opens a fresh one
      dropIdleConnections();
      return RemoteUnavailable.connectionFailed(message, e);
    }
    return new RemoteUnavailable(message, e);
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
