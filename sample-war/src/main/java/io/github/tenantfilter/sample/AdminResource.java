package io.github.tenantfilter.sample;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.TenantCache;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/admin}: the cache statistics and invalidation, as an application would expose them
 * to its operators, behind the role {@value AdminIdentityStore#ROLE} (web.xml's
 * security-constraint; HTTP Basic, see {@link AdminIdentityStore}).
 */
@Path("admin")
@RequestScoped
public class AdminResource {

  @Inject TenantCache cache;

  @GET
  @Path("stats")
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject stats() {
    CacheStats s = cache.getCacheStats();
    return Json.createObjectBuilder()
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
