// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import io.github.tenantfilter.api.CurrentTenant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/plan}: what the request's tenant's plan allows, from the cache region {@code
 * plans} ({@link Plans}). A repeated request costs no query and no Redis command.
 */
@Path("plan")
@RequestScoped
public class PlanResource {

  @Inject CurrentTenant current;
  @Inject Plans plans;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response plan() {
    String plan = current.require().plan();
    PlanLimits limits;
    try {
      limits = plans.of(plan);
    } catch (IllegalStateException e) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .type(MediaType.TEXT_PLAIN).entity("plans unavailable").build();
    }
    if (limits == null) {
      return Response.status(Response.Status.NOT_FOUND)
          .type(MediaType.TEXT_PLAIN).entity("unknown plan").build();
    }
    return Response.ok(limits.toJsonObject()).build();
  }
}
