// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import io.github.tenantfilter.api.CacheStats;
import java.util.List;
import java.util.Map;

/**
 * What the stats page shows, taken at one moment; rendered by {@link StatsJson} and {@link
 * StatsHtml}.
 *
 * @param application the application's context path ({@code /} for the root)
 * @param generatedAtMillis when, in epoch milliseconds
 * @param intervalSeconds seconds between samples
 * @param totals the counters since the application started
 * @param totalsShown every counter of {@code totals} by name, with the derived rates, as text
 * @param breaker the circuit breaker around Redis: {@code closed}, {@code open} or {@code none}
 *     (no Redis configured)
 * @param redis {@code up}, {@code down}, {@code circuit-open} or {@code not-configured}
 * @param points hit rates per interval, oldest first
 * @param topTenants the busiest tenants, busiest first
 * @param tenantRequests requests that resolved to a tenant since the page started counting
 * @param settings the settings in effect, secrets masked
 */
public record StatsView(
    String application,
    long generatedAtMillis,
    long intervalSeconds,
    CacheStats totals,
    Map<String, String> totalsShown,
    String breaker,
    String redis,
    List<HitRateHistory.Point> points,
    List<TopTenants.Entry> topTenants,
    long tenantRequests,
    Map<String, String> settings) {}
