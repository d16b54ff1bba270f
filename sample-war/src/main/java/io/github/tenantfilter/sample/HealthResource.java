// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/health}: excluded from tenant resolution in web.xml, answers on any host. */
@Path("health")
public class HealthResource {

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject health() {
    return Json.createObjectBuilder().add("status", "UP").build();
  }
}
