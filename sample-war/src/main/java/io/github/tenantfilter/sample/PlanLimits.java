// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import io.github.tenantfilter.api.CacheSerializer;
import jakarta.json.JsonObject;
import java.io.StringReader;

/**
 * What a plan allows, as the {@code plans} table says: the sample's example of caching data
 * other than tenants in a named cache region (see {@link Plans}).
 *
 * @param plan the plan's name
 * @param seats users the plan allows
 * @param apiPerMinute API calls per minute the plan allows
 */
public record PlanLimits(String plan, int seats, int apiPerMinute) {

  /** How the region stores it in Redis: a small JSON object. */
  static final CacheSerializer<PlanLimits> JSON =
      CacheSerializer.of(PlanLimits::toJson, PlanLimits::fromJson);

  JsonObject toJsonObject() {
    return SampleJson.JSON.createObjectBuilder()
        .add("plan", plan)
        .add("seats", seats)
        .add("apiPerMinute", apiPerMinute)
        .build();
  }

  private String toJson() {
    return toJsonObject().toString();
  }

  private static PlanLimits fromJson(String text) {
    JsonObject json = SampleJson.JSON.createReader(new StringReader(text)).readObject();
    return new PlanLimits(json.getString("plan"), json.getInt("seats"),
        json.getInt("apiPerMinute"));
  }
}
