// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The one protocol by which the tenant cache and every named region keep their values in Redis
 * coherent. For each cache (the tenant cache, or one region), under its own keys:
 *
 * <ul>
 *   <li>a value is stored as {@code <generation>|<payload>};
 *   <li>its <b>epoch</b> is a random token, replaced by every invalidation (and every put). A
 *       load reads it with the value in one round trip, and fills only if it has not changed,
 *       atomically in a script ({@link #FILL}), so a load that read its source before an
 *       invalidation cannot put the old value back;
 *   <li>its <b>generation</b> is a random token, replaced by every whole-cache invalidation; a
 *       value written under another generation is dead (read as a miss), so emptying a cache is
 *       one atomic command, not a scan that loads could write behind. The dead values are left to
 *       their TTL.
 * </ul>
 *
 * <p>Tokens, not counters: if Redis loses the two keys (a restart, an eviction policy that evicts
 * any key), nothing written before can come back to life. A missing generation makes every value
 * dead; a missing epoch makes the fill that notices it fail (and set one).
 *
 * <p>The tenant cache adds an index per tenant ({@link #FILL_INDEXED}, {@link
 * #INVALIDATE_INDEXED}): the set of every key written for it, so that invalidating a tenant also
 * removes the keys of domains it no longer has.
 */
public final class RedisProtocol {

  private static final String FILL_BODY =
      "local e = redis.call('GET', KEYS[2])\n"
          + "if not e then redis.call('SET', KEYS[2], ARGV[4]) return 0 end\n"
          + "if e ~= ARGV[3] then return 0 end\n"
          + "local g = redis.call('GET', KEYS[3])\n"
          + "if not g then g = ARGV[4] redis.call('SET', KEYS[3], g) end\n"
          + "redis.call('SET', KEYS[1], g .. '|' .. ARGV[1], 'EX', ARGV[2])\n";

  /**
   * Fills a value if the epoch is still the one read. KEYS: value, epoch, generation. ARGV:
   * payload, ttl seconds, the epoch read, a new token (for a lost epoch or generation). Returns 1
   * if stored.
   */
  public static final String FILL = FILL_BODY + "return 1";

  /**
   * {@link #FILL}, and adds the value's key to an index set. KEYS: value, epoch, generation,
   * index. ARGV: as {@link #FILL}, then the index's TTL in seconds.
   */
  public static final String FILL_INDEXED =
      FILL_BODY
          + "redis.call('SADD', KEYS[4], KEYS[1])\n"
          + "if redis.call('TTL', KEYS[4]) < tonumber(ARGV[5]) then\n"
          + "  redis.call('EXPIRE', KEYS[4], ARGV[5])\n"
          + "end\n"
          + "return 1";

  /**
   * Stores a value whatever the epoch, and replaces the epoch (loads that read before do not
   * overwrite it). KEYS: value, epoch, generation. ARGV: payload, ttl seconds, a new epoch, a new
   * token (for a lost generation).
   */
  public static final String PUT =
      "local g = redis.call('GET', KEYS[3])\n"
          + "if not g then g = ARGV[4] redis.call('SET', KEYS[3], g) end\n"
          + "redis.call('SET', KEYS[1], g .. '|' .. ARGV[1], 'EX', ARGV[2])\n"
          + "redis.call('SET', KEYS[2], ARGV[3])\n"
          + "return 1";

  /** Deletes a value and replaces the epoch. KEYS: value, epoch. ARGV: a new epoch. */
  public static final String INVALIDATE =
      "redis.call('DEL', KEYS[1])\n"
          + "redis.call('SET', KEYS[2], ARGV[1])\n"
          + "return 1";

  /**
   * Deletes every key an index lists, the index and one more key, and replaces the epoch. KEYS:
   * index, a key, epoch. ARGV: a new epoch. Returns how many keys the index listed.
   */
  public static final String INVALIDATE_INDEXED =
      "local keys = redis.call('SMEMBERS', KEYS[1])\n"
          + "for _, k in ipairs(keys) do redis.call('DEL', k) end\n"
          + "redis.call('DEL', KEYS[1], KEYS[2])\n"
          + "redis.call('SET', KEYS[3], ARGV[1])\n"
          + "return #keys";

  /**
   * Replaces the generation (every value is dead) and the epoch. KEYS: generation, epoch. ARGV:
   * a new generation, a new epoch.
   */
  public static final String INVALIDATE_ALL =
      "redis.call('SET', KEYS[1], ARGV[1])\n"
          + "redis.call('SET', KEYS[2], ARGV[2])\n"
          + "return 1";

  /**
   * Gives a cache a generation and an epoch if it has none, so that the first fills count;
   * changes nothing else. KEYS: generation, epoch. ARGV: two new tokens.
   */
  public static final String PREPARE =
      "redis.call('SET', KEYS[1], ARGV[1], 'NX')\n"
          + "redis.call('SET', KEYS[2], ARGV[2], 'NX')\n"
          + "return 1";

  /** What a read returns for an epoch Redis does not have: matches no epoch. */
  public static final String NO_EPOCH = "";

  private RedisProtocol() {}

  /** A token no epoch or generation had before (64 random bits). */
  public static String token() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong());
  }

  /**
   * The payload of {@code stored} if it was written under {@code generation}, else {@code null}:
   * a miss, a dead value, or (no generation in Redis) every value dead.
   */
  public static String live(String stored, String generation) {
    if (stored == null || generation == null) {
      return null;
    }
    int length = generation.length();
    return stored.length() > length && stored.charAt(length) == '|'
        && stored.startsWith(generation) ? stored.substring(length + 1) : null;
  }

  /** Whether {@code stored} is no value of this protocol at all (no generation before a bar). */
  public static boolean malformed(String stored) {
    return stored != null && stored.indexOf('|') <= 0;
  }

  /** An epoch as read ({@code null}: Redis has none). */
  public static String epoch(String read) {
    return read == null ? NO_EPOCH : read;
  }
}
