// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/**
 * Named cache regions: the two-tier cache (Ehcache heap tier, Redis through the tenant cache's
 * client and circuit breaker, the application's loader as the source of truth) as a service for
 * any data, behind {@link io.github.tenantfilter.api.CacheRegions}. The tenant cache is listed
 * among them. Internal.
 */
package io.github.tenantfilter.internal.region;
