// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/**
 * The two cache tiers and the lookup that runs them: the heap tier (Ehcache, L1) answers
 * without any network call; Redis (L2) is shared by the nodes; the {@link
 * io.github.tenantfilter.api.TenantStore} is the source of truth. A miss fills the tiers above
 * it; concurrent misses for one key share one load; a load that started before an invalidation
 * never writes its value back after it. Internal.
 */
package io.github.tenantfilter.internal.cache;
