// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a cache region keeps its values: the time to live in Redis (a {@link TtlClass} or an
 * explicit duration), and the size and time to live of its heap tier. Immutable; each {@code
 * with...} method returns a copy.
 *
 * <pre>{@code
 * RegionSpec spec =
 *     RegionSpec.of(TtlClass.LONG).withLocalSize(500).withLocalTtl(Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>The operator can override each part by settings ({@code
 * tenant-filter.region.<name>.ttl}, {@code .size}, {@code .local-ttl}; see docs/settings.md).
 */
public final class RegionSpec {

  /** The longest time to live: 30 days, as for the tenant cache. */
  public static final Duration MAX_TTL = Duration.ofDays(30);

  /** The heap tier's default time to live, at most: it bounds staleness on every node. */
  public static final Duration DEFAULT_LOCAL_TTL = Duration.ofSeconds(60);

  /** The heap tier's default size. */
  public static final int DEFAULT_LOCAL_SIZE = 1000;

  /** The largest heap tier. */
  public static final int MAX_LOCAL_SIZE = 10_000_000;

  private final TtlClass ttlClass;
  private final Duration ttl;
  private final Duration localTtl;
  private final int localSize;

  private RegionSpec(TtlClass ttlClass, Duration ttl, Duration localTtl, int localSize) {
    this.ttlClass = ttlClass;
    this.ttl = ttl;
    this.localTtl = localTtl;
    this.localSize = localSize;
  }

  /**
   * A region whose values live {@code ttlClass} in Redis, with a heap tier of {@value
   * #DEFAULT_LOCAL_SIZE} entries for at most 60 s.
   *
   * @param ttlClass how long values live in Redis
   * @return the spec
   * @throws NullPointerException if {@code ttlClass} is {@code null}
   */
  public static RegionSpec of(TtlClass ttlClass) {
    Objects.requireNonNull(ttlClass, "ttlClass");
    return new RegionSpec(ttlClass, ttlClass.ttl(), defaultLocalTtl(ttlClass.ttl()),
        DEFAULT_LOCAL_SIZE);
  }

  /**
   * A region whose values live {@code ttl} in Redis.
   *
   * @param ttl how long values live in Redis, from 1 s to 30 days
   * @return the spec
   * @throws NullPointerException if {@code ttl} is {@code null}
   * @throws IllegalArgumentException if {@code ttl} is under 1 s or over 30 days
   */
  public static RegionSpec ofTtl(Duration ttl) {
    checkTtl(ttl);
    return new RegionSpec(null, ttl, defaultLocalTtl(ttl), DEFAULT_LOCAL_SIZE);
  }

  /**
   * This spec with a heap tier of at most {@code entries} values.
   *
   * @param entries the heap tier's size on each node
   * @return the copy
   * @throws IllegalArgumentException if {@code entries} is under 1 or over {@value
   *     #MAX_LOCAL_SIZE}
   */
  public RegionSpec withLocalSize(int entries) {
    if (entries < 1 || entries > MAX_LOCAL_SIZE) {
      throw new IllegalArgumentException(
          "the heap tier's size must be from 1 to " + MAX_LOCAL_SIZE + ", not " + entries);
    }
    return new RegionSpec(ttlClass, ttl, localTtl, entries);
  }

  /**
   * This spec with values kept {@code localTtl} in the heap tier: how long a node may serve a
   * value whose invalidation message it missed.
   *
   * @param localTtl how long a value lives in a node's heap tier
   * @return the copy
   * @throws NullPointerException if {@code localTtl} is {@code null}
   * @throws IllegalArgumentException if {@code localTtl} is not positive or longer than the
   *     region's TTL
   */
  public RegionSpec withLocalTtl(Duration localTtl) {
    Objects.requireNonNull(localTtl, "localTtl");
    if (localTtl.isNegative() || localTtl.isZero() || localTtl.compareTo(ttl) > 0) {
      throw new IllegalArgumentException("the heap tier's TTL must be positive and at most the"
          + " region's TTL (" + ttl + "), not " + localTtl);
    }
    return new RegionSpec(ttlClass, ttl, localTtl, localSize);
  }

  /**
   * This spec with the Redis TTL of {@code ttlClass}; the heap TTL is cut to it if longer.
   *
   * @param ttlClass how long values live in Redis
   * @return the copy
   * @throws NullPointerException if {@code ttlClass} is {@code null}
   */
  public RegionSpec withTtl(TtlClass ttlClass) {
    Objects.requireNonNull(ttlClass, "ttlClass");
    return new RegionSpec(ttlClass, ttlClass.ttl(), min(localTtl, ttlClass.ttl()), localSize);
  }

  /**
   * This spec with the Redis TTL {@code ttl}; the heap TTL is cut to it if longer.
   *
   * @param ttl how long values live in Redis, from 1 s to 30 days
   * @return the copy
   * @throws NullPointerException if {@code ttl} is {@code null}
   * @throws IllegalArgumentException if {@code ttl} is under 1 s or over 30 days
   */
  public RegionSpec withTtl(Duration ttl) {
    checkTtl(ttl);
    return new RegionSpec(null, ttl, min(localTtl, ttl), localSize);
  }

  private static void checkTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException(
          "a region's TTL must be from 1 s to 30 days, not " + ttl);
    }
  }

  private static Duration defaultLocalTtl(Duration ttl) {
    return min(ttl, DEFAULT_LOCAL_TTL);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** {@return the TTL class, when the TTL was given as one} */
  public Optional<TtlClass> ttlClass() {
    return Optional.ofNullable(ttlClass);
  }

  /** {@return how long a value lives in Redis (less up to 10 % jitter)} */
  public Duration ttl() {
    return ttl;
  }

  /** {@return how long a value lives in a node's heap tier} */
  public Duration localTtl() {
    return localTtl;
  }

  /** {@return the most values a node's heap tier holds} */
  public int localSize() {
    return localSize;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RegionSpec that
        && ttl.equals(that.ttl)
        && localTtl.equals(that.localTtl)
        && localSize == that.localSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(ttl, localTtl, localSize);
  }

  @Override
  public String toString() {
    return "RegionSpec[ttl=" + (ttlClass != null ? ttlClass + " " : "") + ttl.toSeconds()
        + "s, localTtl=" + localTtl.toMillis() + "ms, localSize=" + localSize + "]";
  }
}
