// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.app;

import io.github.tenantfilter.api.CurrentTenant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A JAX-RS resource with the tenant injected. */
@Path("tenant")
@RequestScoped
public class TenantResource {

  @Inject CurrentTenant current;

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String tenant() {
    return "jaxrs=" + current.require().id() + " name=" + current.require().name();
  }
}
