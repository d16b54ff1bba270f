// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.restclient;

import io.github.tenantfilter.client.TenantHeaderClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/** A MicroProfile REST Client of the probe, with the tenant header provider registered. */
@RegisterProvider(TenantHeaderClientFilter.class)
public interface WhoAmI {

  @GET
  @Path("/probe/whoami")
  Response whoami();
}
