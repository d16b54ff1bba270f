// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/**
 * The JDBC tenant store: configurable queries over a DataSource found by JNDI name, or over a
 * plain JDBC URL. Applications with their own store replace it with a CDI bean implementing
 * {@link io.github.tenantfilter.api.TenantStore}. Internal.
 */
package io.github.tenantfilter.internal.store;
