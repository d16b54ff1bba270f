// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

/** How the Redis tier reaches Redis ({@code tenant-filter.redis.mode}). */
public enum RedisMode {
  /** One Redis server: the URL names it. */
  STANDALONE,
  /** A master found through Redis Sentinel: the URL names the sentinels. */
  SENTINEL,
  /** A Redis Cluster: the URL names some of its nodes. */
  CLUSTER
}
