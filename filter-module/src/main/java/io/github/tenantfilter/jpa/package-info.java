// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/** The tenant in the database: PostgreSQL row-level security scoped per transaction. */
package io.github.tenantfilter.jpa;
