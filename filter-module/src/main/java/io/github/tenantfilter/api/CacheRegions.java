// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import java.util.List;
import java.util.Optional;

/**
 * The application's named cache regions, the tenant cache among them. Inject it:
 *
 * <pre>{@code
 * @Inject CacheRegions regions;
 *
 * CacheRegion<String> sessions = regions.region("sessions", RegionSpec.of(TtlClass.SESSION));
 * String user = sessions.get(token, t -> sessionDao.userOf(t));
 * }</pre>
 *
 * <p>Every region shares the tenant cache's Redis connection pool, circuit breaker, key prefix
 * and invalidation channel; without Redis a region is its heap tier in front of the loader.
 * Regions live as long as the application and are closed when it stops.
 */
public interface CacheRegions {

  /** The tenant cache's name among the regions. */
  String TENANT = "tenant";

  /**
   * The region {@code name}, created on the first call. The operator's settings {@code
   * tenant-filter.region.<name>.ttl}, {@code .size} and {@code .local-ttl} override {@code spec}.
   * A second call with the same name and spec returns the same region (one name, one value
   * type).
   *
   * @param <V> the values' type
   * @param name lower-case letters, digits and {@code -}, starting with a letter, at most 32
   * @param serializer how values become the text stored in Redis, and back
   * @param spec the TTLs and the heap tier's size, unless the operator's settings say otherwise
   * @return the region
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if {@code name} is malformed or {@value #TENANT}; or an
   *     operator's setting for it is invalid ({@code InvalidSettingException}, naming it)
   * @throws IllegalStateException if the region exists with another spec, or the web application
   *     has not started the filter yet
   */
  <V> CacheRegion<V> region(String name, CacheSerializer<V> serializer, RegionSpec spec);

  /**
   * A region of strings: {@code region(name, CacheSerializer.strings(), spec)}.
   *
   * @param name as for {@link #region(String, CacheSerializer, RegionSpec)}
   * @param spec as for {@link #region(String, CacheSerializer, RegionSpec)}
   * @return the region
   * @throws IllegalArgumentException as {@link #region(String, CacheSerializer, RegionSpec)}
   * @throws IllegalStateException as {@link #region(String, CacheSerializer, RegionSpec)}
   */
  default CacheRegion<String> region(String name, RegionSpec spec) {
    return region(name, CacheSerializer.strings(), spec);
  }

  /**
   * The region {@code name} if it exists ({@value #TENANT} while the filter runs).
   *
   * @param name the region's name
   * @return the region, or empty when there is none of that name
   * @throws IllegalStateException if the web application has not started the filter yet
   */
  Optional<RegionView> find(String name);

  /**
   * Every region, the tenant cache first.
   *
   * @return the regions, the tenant cache first
   * @throws IllegalStateException if the web application has not started the filter yet
   */
  List<RegionView> regions();
}
