// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/**
 * Optional hardening of Payara's HTTP listener, independent of the tenant filter: {@link
 * io.github.tenantfilter.payara.HostGuardFilter} answers 400 to a {@code Host} that Grizzly
 * cannot parse, which Payara itself answers with 200 and an empty body. Put the JAR on Payara's
 * class path and run {@code src/payara/host-guard.asadmin} (see docs/security-tests.md).
 */
package io.github.tenantfilter.payara;
