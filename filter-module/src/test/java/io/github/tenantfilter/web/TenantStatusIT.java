// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.RedisProcess;
import io.github.tenantfilter.testing.TenantSchema;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant suspended or deleted in PostgreSQL is refused with its configured status on every
 * node as soon as the change is invalidated (by the API or by the database trigger), although
 * the active record sat in both cache tiers; and it comes back when reactivated.
 */
class TenantStatusIT {

  private static LocalPostgres.Schema schema;
  private static RedisProcess redis;
  private List<IsolatedNode> nodes = List.of();

  @BeforeAll
  static void prepare() {
    schema = TenantSchema.create("status_it");
    schema.executeResource(LocalPostgres.NOTIFY_SQL);
    TenantSchema.insert(schema, "acme", "acme");
    TenantSchema.insert(schema, "globex", "globex");
    redis = RedisProcess.start();
  }

  @AfterAll
  static void cleanUp() {
    redis.close();
    schema.close();
  }

  @AfterEach
  void stopNodes() throws Exception {
    for (IsolatedNode node : nodes) {
      node.close();
    }
    schema.execute("UPDATE tenants SET status = 'active'");
  }

  private void startNodes(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(extra);
    settings.put("tenant-filter.base-domains", "app.example");
    settings.put("tenant-filter.jdbc.url", schema.jdbcUrl());
    settings.put("tenant-filter.jdbc.user", schema.user());
    settings.put("tenant-filter.redis.url", redis.url());
    // a long heap TTL: only invalidation can make a node notice
    settings.put("tenant-filter.local-cache.ttl", "3600");
    nodes = List.of(new IsolatedNode(settings), new IsolatedNode(settings));
    for (IsolatedNode node : nodes) {
      assertThat(node.awaitInvalidationChannel(10_000)).isTrue();
      assertThat(node.tenantOf("acme.app.example")).isEqualTo("acme");
    }
  }

  private void awaitEveryNode(String expected) {
    for (IsolatedNode node : nodes) {
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      String seen;
      while (!(seen = node.tenantOf("acme.app.example")).equals(expected)) {
        assertThat(System.nanoTime()).as("node says %s", seen).isLessThan(deadline);
        Thread.onSpinWait();
      }
      for (int i = 0; i < 50; i++) {
        assertThat(node.tenantOf("acme.app.example")).isEqualTo(expected);
      }
    }
    assertThat(nodes.get(0).tenantOf("globex.app.example")).isEqualTo("globex");
  }

  @Test
  void suspendedThenDeleted_invalidatedByApi_refusedOnEveryNode() {
    startNodes(Map.of());
    schema.execute("UPDATE tenants SET status = 'suspended' WHERE id = 'acme'");
    // cached as active in both tiers: still served until the change is invalidated
    assertThat(nodes.get(1).tenantOf("acme.app.example")).isEqualTo("acme");
    nodes.get(0).invalidate("acme");
    awaitEveryNode("status:403");

    schema.execute("UPDATE tenants SET status = 'deleted' WHERE id = 'acme'");
    nodes.get(1).invalidate("acme");
    awaitEveryNode("status:410");

    schema.execute("UPDATE tenants SET status = 'active' WHERE id = 'acme'");
    nodes.get(0).invalidate("acme");
    awaitEveryNode("acme");
  }

  @Test
  void statusChangedInDatabase_triggerInvalidates_configuredOutcome() {
    startNodes(Map.of(
        "tenant-filter.store.notify-channel", "tenant_filter",
        "tenant-filter.status-outcomes", "active=serve,trial=serve,locked=423,*=451"));
    schema.execute("UPDATE tenants SET status = 'locked' WHERE id = 'acme'");
    awaitEveryNode("status:423");
    schema.execute("UPDATE tenants SET status = 'trial' WHERE id = 'acme'");
    awaitEveryNode("acme");
    schema.execute("UPDATE tenants SET status = 'frozen' WHERE id = 'acme'");
    awaitEveryNode("status:451");
  }
}
