// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.TenantSchema;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the fault tests under {@link Load} share: a schema with tenants {@code t0 .. t<n-1>}
 * (subdomains of the same names), their hosts under {@code app.example}, and a short open time
 * of the circuit breaker, set as a system property before any container reads it and cleared
 * on {@link #close()}.
 */
final class LoadTenants implements AutoCloseable {

  /** The circuit's open time for these tests. */
  static final Duration CIRCUIT_OPEN = Duration.ofSeconds(3);
  private static final String CIRCUIT_TIMEOUT = "tenant-filter.redis.circuit.timeout";

  final LocalPostgres.Schema schema;
  final List<String> hosts;

  private LoadTenants(String schemaPrefix, int tenants) {
    System.setProperty(CIRCUIT_TIMEOUT, Long.toString(CIRCUIT_OPEN.toSeconds()));
    schema = TenantSchema.create(schemaPrefix);
    for (int i = 0; i < tenants; i++) {
      TenantSchema.insert(schema, "t" + i, "t" + i);
    }
    hosts = IntStream.range(0, tenants).mapToObj(i -> "t" + i + ".app.example").toList();
  }

  static LoadTenants create(String schemaPrefix, int tenants) {
    return new LoadTenants(schemaPrefix, tenants);
  }

  /** The tenant a host must resolve to. */
  static String expected(String host) {
    return host.substring(0, host.indexOf('.'));
  }

  @Override
  public void close() {
    System.clearProperty(CIRCUIT_TIMEOUT);
    schema.close();
  }
}
