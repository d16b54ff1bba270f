// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/health}: excluded from tenant resolution in web.xml, answers on any host. */
@Path("health")
public class HealthResource {

  /** Immutable, so built once (see {@link SampleJson} for why not on every request). */
  private static final JsonObject UP =
      SampleJson.JSON.createObjectBuilder().add("status", "UP").build();

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject health() {
    return UP;
  }
}
