// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/**
 * The servlet side: {@link io.github.tenantfilter.web.TenantFilter} and the listener that
 * starts everything, both declared by the JAR's {@code META-INF/web-fragment.xml}; the CDI beans
 * behind {@link io.github.tenantfilter.api.CurrentTenant} and {@link
 * io.github.tenantfilter.api.TenantCache}. Public only because the container instantiates these
 * classes; not API.
 */
package io.github.tenantfilter.web;
