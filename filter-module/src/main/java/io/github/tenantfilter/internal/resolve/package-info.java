// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/**
 * From a request to a lookup key: host normalisation and validation, and the rules that turn a
 * host (or a header) into a tenant id, subdomain or custom domain. Internal.
 */
package io.github.tenantfilter.internal.resolve;
