// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;

/**
 * {@code GET /api/whoami}: the tenant this request was resolved to, as the application sees it.
 * One instance for the application: {@link CurrentTenant} is request-scoped, so the injected
 * proxy answers for the request being served (a request-scoped resource would make CDI and
 * Jersey create and inject an instance on every request for nothing).
 */
@Path("whoami")
@ApplicationScoped
public class WhoAmIResource {

  @Inject CurrentTenant current;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject whoami() {
    Tenant tenant = current.require();
    JsonObjectBuilder json =
        SampleJson.JSON.createObjectBuilder()
            .add("id", tenant.id())
            .add("name", tenant.name())
            .add("plan", tenant.plan())
            .add("status", tenant.status())
            .add("customDomains", SampleJson.JSON.createArrayBuilder(tenant.customDomains()))
            .add("settings",
                SampleJson.JSON.createReader(new StringReader(tenant.settings())).readObject());
    if (tenant.subdomain() != null) {
      json.add("subdomain", tenant.subdomain());
    }
    if (tenant.updatedAt() != null) {
      json.add("updatedAt", tenant.updatedAt().toString());
    }
    return json.build();
  }
}
