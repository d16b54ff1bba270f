// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/**
 * The optional stats page ({@code tenant-filter.stats.enabled}): a bounded count of the busiest
 * tenants ({@link io.github.tenantfilter.web.stats.TopTenants}), a ring of hit-rate samples
 * ({@link io.github.tenantfilter.web.stats.HitRateHistory}) taken by {@link
 * io.github.tenantfilter.web.stats.StatsCollector}, and the servlet that shows them as HTML with
 * an inline SVG chart or as JSON. Registered by the filter's listener only when enabled, always
 * behind a role. Internal: public only for the listener in {@code io.github.tenantfilter.web}.
 */
package io.github.tenantfilter.web.stats;
