// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import io.github.tenantfilter.api.CacheRegions;
import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.RegionStats;
import io.github.tenantfilter.api.RegionView;
import io.github.tenantfilter.api.TenantCache;
import jakarta.json.JsonArrayBuilder;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/admin}: the cache statistics and invalidation, of the tenant cache and of every
 * named cache region, as an application would expose them to its operators, behind the role {@value AdminIdentityStore#ROLE} (web.xml's
 * security-constraint; HTTP Basic, see {@link AdminIdentityStore}).
 */
@Path("admin")
@RequestScoped
public class AdminResource {

  @Inject TenantCache cache;
  @Inject CacheRegions regions;
  @Inject Plans plans;

  @GET
  @Path("stats")
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject stats() {
    CacheStats s = cache.getCacheStats();
    return SampleJson.JSON.createObjectBuilder()
        .add("lookups", s.lookups())
        .add("localHits", s.localHits())
        .add("negativeHits", s.negativeHits())
        .add("localMisses", s.localMisses())
        .add("redisHits", s.redisHits())
        .add("redisMisses", s.redisMisses())
        .add("redisErrors", s.redisErrors())
        .add("redisSkipped", s.redisSkipped())
        .add("redisCircuitOpens", s.redisCircuitOpens())
        .add("storeLoads", s.storeLoads())
        .add("storeNotFound", s.storeNotFound())
        .add("storeErrors", s.storeErrors())
        .add("staleServed", s.staleServed())
        .add("invalidationReconnects", s.invalidationReconnects())
        .add("refreshedAhead", s.refreshedAhead())
        .add("localSize", s.localSize())
        .add("redisEnabled", s.redisEnabled())
        .add("redisAvailable", s.redisAvailable())
        .add("redisCircuitOpen", s.redisCircuitOpen())
        .add("hitRate", s.hitRate())
        .add("storeQueriesAvoided", s.storeQueriesAvoided())
        .build();
  }

  /** Every cache region's counters (the tenant cache first), and the plans' database queries. */
  @GET
  @Path("regions")
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject regions() {
    JsonArrayBuilder list = SampleJson.JSON.createArrayBuilder();
    for (RegionView region : regions.regions()) {
      RegionStats s = region.stats();
      list.add(SampleJson.JSON.createObjectBuilder()
          .add("name", s.name())
          .add("ttlSeconds", s.ttl().toSeconds())
          .add("localTtlMillis", s.localTtl().toMillis())
          .add("localCapacity", s.localCapacity())
          .add("localSize", s.localSize())
          .add("gets", s.gets())
          .add("localHits", s.localHits())
          .add("redisHits", s.redisHits())
          .add("redisMisses", s.redisMisses())
          .add("loads", s.loads())
          .add("loadErrors", s.loadErrors())
          .add("redisErrors", s.redisErrors())
          .add("redisSkipped", s.redisSkipped())
          .add("corruptValues", s.corruptValues())
          .add("invalidations", s.invalidations())
          .add("hitRate", s.hitRate()));
    }
    return SampleJson.JSON.createObjectBuilder()
        .add("regions", list)
        .add("planQueries", plans.queries())
        .build();
  }

  /** Empties a region on every node. */
  @POST
  @Path("regions/{region}/invalidate")
  public Response invalidateRegion(@PathParam("region") String region) {
    return regions.find(region)
        .map(view -> {
          view.invalidateAll();
          return Response.noContent().build();
        })
        .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity("no such region")
            .build());
  }

  /** Drops one key of a region on every node. */
  @POST
  @Path("regions/{region}/keys/{key}/invalidate")
  public Response invalidateKey(@PathParam("region") String region, @PathParam("key") String key) {
    RegionView view = regions.find(region).orElse(null);
    if (view == null) {
      return Response.status(Response.Status.NOT_FOUND).entity("no such region").build();
    }
    try {
      view.invalidate(key);
      return Response.noContent().build();
    } catch (IllegalArgumentException e) {
      return Response.status(Response.Status.BAD_REQUEST).entity("invalid key").build();
    }
  }

  @POST
  @Path("tenants/{id}/invalidate")
  public Response invalidate(@PathParam("id") String id) {
    try {
      cache.invalidateTenantCache(id);
      return Response.noContent().build();
    } catch (IllegalArgumentException e) {
      return Response.status(Response.Status.BAD_REQUEST).entity("invalid tenant id").build();
    }
  }
}
