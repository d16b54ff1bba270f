package io.github.tenantfilter.web;

import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@value #NAME}: UP while the tenant store answers, with {@code redis} ({@code
 * up}, {@code down}, {@code circuit-open}, {@code not-configured}) and {@code store} ({@code up},
 * {@code down}) as data; Redis alone never makes it DOWN.
 *
 * <p>Loaded only where the server offers MicroProfile Health: it carries no bean-defining
 * annotation, so bean discovery skips it, and {@link TenantFilterObservability} adds it as an
 * application-scoped bean after finding the API. Internal.
 */
@Readiness
public class TenantFilterHealthCheck implements HealthCheck {

  /** The check's name in the server's health report. */
  public static final String NAME = "tenant-filter";

  @Inject TenantFilterRuntime runtime;
  private volatile ReadinessProbe probe;

  /** For CDI. */
  public TenantFilterHealthCheck() {}

  TenantFilterHealthCheck(ReadinessProbe probe) {
    this.probe = probe;
  }

  @Override
  public HealthCheckResponse call() {
    ReadinessProbe.Report report = probe().report();
    Map<String, Object> data = new HashMap<>(report.data());
    return new HealthCheckResponse(
        NAME,
        report.up() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
        Optional.of(data));
  }

  private ReadinessProbe probe() {
    ReadinessProbe current = probe;
    if (current == null) {
      synchronized (this) {
        current = probe;
        if (current == null) {
          current = ReadinessProbe.of(runtime);
          probe = current;
        }
      }
    }
    return current;
  }
}
