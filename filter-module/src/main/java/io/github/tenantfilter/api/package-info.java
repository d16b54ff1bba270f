// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/**
 * What applications use: the {@link io.github.tenantfilter.api.Tenant} record, the request's
 * {@link io.github.tenantfilter.api.CurrentTenant}, the {@link
 * io.github.tenantfilter.api.TenantCache} to invalidate and read statistics, and the {@link
 * io.github.tenantfilter.api.TenantStore} SPI for applications that keep tenants their own way;
 * and {@link io.github.tenantfilter.api.CacheRegions}, the same two-tier cache for the
 * application's own data (named {@link io.github.tenantfilter.api.CacheRegion}s with a {@link
 * io.github.tenantfilter.api.TtlClass}); and the CDI events {@link
 * io.github.tenantfilter.api.TenantResolved} and {@link io.github.tenantfilter.api.TenantRefused},
 * for auditing.
 *
 * <pre>{@code
 * @Inject CurrentTenant current;
 * @Inject TenantCache cache;
 *
 * Tenant tenant = current.require();
 * cache.invalidateTenantCache(tenant.id());   // after changing the tenant's record
 * }</pre>
 *
 * <p>Everything outside this package is internal and may change without notice.
 */
package io.github.tenantfilter.api;
