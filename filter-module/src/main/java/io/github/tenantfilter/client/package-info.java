// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/** Outgoing calls: the current tenant passed on to the services the application calls. */
package io.github.tenantfilter.client;
