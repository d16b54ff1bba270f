// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import java.time.Duration;

/**
 * Time-to-live classes (the {@code CACHE_TTL} table of many SaaS code bases), for {@link RegionSpec#of}:
 * how long a value stays in Redis (L2) before the loader is asked again.
 *
 * <pre>{@code
 * CacheRegion<String> sessions = regions.region("sessions", RegionSpec.of(TtlClass.SESSION));
 * }</pre>
 */
public enum TtlClass {
  /** 30 minutes: session data. */
  SESSION(1800),
  /** 1 minute: rate limits. */
  RATE_LIMIT(60),
  /** 5 minutes: frequently changing data. */
  SHORT(300),
  /** 30 minutes: data of moderate change frequency. */
  MEDIUM(1800),
  /** 1 hour: rarely changing data (the tenant records' class). */
  LONG(3600);

  private final Duration ttl;

  TtlClass(long seconds) {
    this.ttl = Duration.ofSeconds(seconds);
  }

  /** {@return the time to live of this class} */
  public Duration ttl() {
    return ttl;
  }
}
