// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.internal.resolve.LookupKey;

/**
 * Where the Redis tier keeps what, under the configured prefix {@code p}. Every key carries the
 * hash tag {@code {tenant}}, so that in a Redis Cluster all of them live in one hash slot (the
 * slot of {@code "tenant"}) and every multi-key operation (the read's {@code MGET}, the fill and
 * invalidation scripts) stays within it; standalone and Sentinel Redis ignore the tag. See
 * docs/redis-topologies.md for why one slot rather than one per tenant.
 *
 * <ul>
 *   <li>{@code p{tenant}:id:<id>}, {@code p{tenant}:subdomain:<label>}, {@code
 *       p{tenant}:domain:<host>}: {@code <generation>|} and the tenant as JSON with the time it
 *       is fresh until;
 *   <li>{@code p{tenant}:keys:<id>}: every key written for that tenant;
 *   <li>{@code p{tenant}:epoch}: a token replaced by every invalidation;
 *   <li>{@code p{tenant}:generation}: a token replaced by every full invalidation;
 *   <li>the pub/sub channel {@code p tenant:invalidations} (channels have no slot).
 * </ul>
 */
final class RedisKeys {

  /** The hash tag every key carries. */
  static final String HASH_TAG = "{tenant}";

  private final String base;
  private final String epoch;
  private final String generation;
  private final String channel;

  /** @param prefix the key prefix; it holds no braces (the settings refuse them) */
  RedisKeys(String prefix) {
    this.base = prefix + HASH_TAG + ":";
    this.epoch = base + "epoch";
    this.generation = base + "generation";
    this.channel = prefix + "tenant:invalidations";
  }

  /** The key holding the tenant found under cache key {@code key} ({@link LookupKey#cacheKey}). */
  String value(String key) {
    return base + key;
  }

  /** The set of every key written for {@code tenantId}. */
  String index(String tenantId) {
    return base + "keys:" + tenantId;
  }

  /** The invalidation epoch. */
  String epoch() {
    return epoch;
  }

  /** The generation: values written under another are dead. */
  String generation() {
    return generation;
  }

  /** The pub/sub channel of the invalidation messages. */
  String channel() {
    return channel;
  }
}
