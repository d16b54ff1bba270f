// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/** Small helpers shared by the module's background threads. Internal. */
package io.github.tenantfilter.internal.util;
