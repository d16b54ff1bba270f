// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@value #NAME}: UP while the tenant store answers, and while it does not,
 * as {@code tenant-filter.readiness.store-down} says (by default UP while cached tenants are
 * still served; {@link ReadinessProbe}), with {@code redis} ({@code up}, {@code down}, {@code
 * circuit-open}, {@code not-configured}), {@code store} ({@code up}, {@code down}), {@code cached}
 * ({@code serving}, {@code none}; only while the store is down under {@code up-while-serving})
 * and {@code application} (the context path: one server may hold several applications, each with
 * its check) as data; Redis alone never makes it DOWN.
 *
 * <p>Loaded only where the server offers MicroProfile Health: it carries no bean-defining
 * annotation, so bean discovery skips it, and {@link TenantFilterObservability} adds it as an
 * application-scoped bean after finding the API; it takes the application's runtime from there,
 * not by injection (see that class). Internal.
 */
@Readiness
public class TenantFilterHealthCheck implements HealthCheck {

  /** The check's name in the server's health report. */
  public static final String NAME = "tenant-filter";

  /** The probe of a runtime that never starts: DOWN, {@code state: not-started}. */
  private static final ReadinessProbe NOT_STARTED = ReadinessProbe.of(new TenantFilterRuntime());

  private volatile ReadinessProbe probe;
  private volatile TenantFilterRuntime probed;

  /** For CDI. */
  public TenantFilterHealthCheck() {}

  TenantFilterHealthCheck(ReadinessProbe probe) {
    this.probe = probe;
  }

  @Override
  public HealthCheckResponse call() {
    TenantFilterObservability.Started app = TenantFilterObservability.started();
    ReadinessProbe.Report report = probe(app).report();
    Map<String, Object> data = new HashMap<>(report.data());
    if (app != null) {
      data.put("application", app.application());
    }
    return new HealthCheckResponse(
        NAME,
        report.up() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
        Optional.of(data));
  }

  private synchronized ReadinessProbe probe(TenantFilterObservability.Started app) {
    if (probed == null && probe != null) {
      return probe; // given (tests)
    }
    if (app == null) {
      return NOT_STARTED; // the filter's listener has not run yet
    }
    if (app.runtime() != probed) {
      probe = ReadinessProbe.of(app.runtime());
      probed = app.runtime();
    }
    return probe;
  }
}
