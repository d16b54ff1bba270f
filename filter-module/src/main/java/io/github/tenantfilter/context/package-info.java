// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/**
 * The tenant beyond the request thread: the thread binding the filter sets, and the Jakarta
 * Concurrency thread context provider that carries it into managed tasks.
 */
package io.github.tenantfilter.context;
