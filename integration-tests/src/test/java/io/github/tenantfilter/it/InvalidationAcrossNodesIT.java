// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.LocalPostgres;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Invalidation reaches the other node: two deployments of one application share Redis (one key
 * prefix) and PostgreSQL, each with its own heap tier. A changed tenant, invalidated through one
 * of them, stops being served from the other's heap tier within 5 s (Redis pub/sub; the heap
 * TTL is 60 s, so nothing else could make it). Payara Micro's connector boots a server per
 * deployment, so there they are two JVMs; a server that hosts both deployments (WildFly, Open
 * Liberty, Payara Server) runs them as two applications with two class loaders, which share
 * nothing but Redis and the database, as two nodes do.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class InvalidationAcrossNodesIT {

  private static final String PREFIX = ItServices.get().getProperty("tf.redis.prefix") + "nodes-"
      + UUID.randomUUID().toString().substring(0, 8) + ":";

  @Deployment(name = "a", testable = false)
  static WebArchive nodeA() {
    return Deployments.war("node-a", contextParam("tenant-filter.redis.key-prefix", PREFIX));
  }

  @Deployment(name = "b", testable = false)
  static WebArchive nodeB() {
    return Deployments.war("node-b", contextParam("tenant-filter.redis.key-prefix", PREFIX));
  }

  @Test
  void tenantChanged_invalidatedThroughOneNode_otherNodeServesTheChangeWithin5s(
      @ArquillianResource @OperateOnDeployment("a") URL a,
      @ArquillianResource @OperateOnDeployment("b") URL b) throws Exception {
    String id = ItServices.addTenant("nodes", "active");
    String host = id + ".app.localhost";
    LocalPostgres.Schema schema = ItServices.schema();
    try {
      Http nodeA = new Http(a);
      Http nodeB = new Http(b);
      nodeA.awaitInvalidationChannels();
      nodeB.awaitInvalidationChannels();
      List<Long> millis = new ArrayList<>();
      String plan = "free";
      for (int round = 0; round < 4; round++) {
        assertThat(nodeA.get(host, "/probe/plan").body()).isEqualTo(plan);
        assertThat(nodeB.get(host, "/probe/plan").body()).isEqualTo(plan);
        String next = plan.equals("free") ? "pro" : "free";
        schema.execute("UPDATE tenants SET plan = '" + next + "' WHERE id = '" + id + "'");
        Http caller = round % 2 == 0 ? nodeA : nodeB;
        Http other = round % 2 == 0 ? nodeB : nodeA;
        assertThat(other.get(host, "/probe/plan").body()).as("cached on the other node")
            .isEqualTo(plan);

        assertThat(caller.get(host, "/probe/invalidate?id=" + id).body())
            .isEqualTo("invalidated");
        assertThat(caller.get(host, "/probe/plan").body()).isEqualTo(next);
        millis.add(other.millisUntil(host, "/probe/plan", next, plan, System.nanoTime(),
            "the other node drops its copy"));
        plan = next;
      }
      System.out.println("INVALIDATION across two nodes on " + ItServices.server() + ": ms "
          + millis);
    } finally {
      schema.execute("DELETE FROM tenants WHERE id = '" + id + "'");
    }
  }
}
