package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.Tenant;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The request-scoped bean behind {@link CurrentTenant}: the filter binds the tenant here and in
 * a request attribute. It dies with the CDI request context, so nothing outlives the request.
 * Internal: inject {@link CurrentTenant}.
 */
@RequestScoped
public class RequestTenant implements CurrentTenant {

  private Tenant tenant;

  @Override
  public Optional<Tenant> get() {
    return Optional.ofNullable(tenant);
  }

  /** Binds the request's tenant. For the filter only. */
  public void bind(Tenant tenant) {
    this.tenant = tenant;
  }
}
