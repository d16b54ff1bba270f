// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/ping}: the most trivial JAX-RS endpoint, a constant string, excluded from tenant
 * resolution in web.xml. The yardstick of {@code performance/sample-wrk.sh}: what JAX-RS on this
 * server costs a request, against which {@code /api/whoami} (tenant resolution, CDI injection, a
 * JSON body) is measured.
 */
@Path("ping")
public class PingResource {

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String ping() {
    return "pong";
  }
}
