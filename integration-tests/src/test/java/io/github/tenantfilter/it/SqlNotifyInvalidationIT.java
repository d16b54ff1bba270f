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
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A change made in the database with plain SQL, announced with {@code NOTIFY} on the channel
 * the application listens on ({@code tenant-filter.store.notify-channel}; src/sql/notify.sql's
 * trigger does the same), stops being served within 5 s, with no call to the API; the heap TTL
 * is 60 s, so nothing else could make it. The application listens through the operator's
 * server DataSource while it carries a PostgreSQL driver of its own in {@code WEB-INF/lib}, as
 * the test WARs do: the listener must find the driver's {@code PGConnection} behind the
 * server's wrapper (Open Liberty hid it until the listener looked further: docs/compatibility.md).
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class SqlNotifyInvalidationIT {

  private static final String CHANNEL =
      "tf_it_notify_" + UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("sqlnotify",
        contextParam("tenant-filter.store.notify-channel", CHANNEL));
  }

  @ArquillianResource URL url;

  @Test
  void rowChangedAndNotified_servedWithin5s_withoutTheApi() throws Exception {
    String id = ItServices.addTenant("notify", "active");
    String host = id + ".app.localhost";
    LocalPostgres.Schema schema = ItServices.schema();
    try {
      Http http = new Http(url);
      http.awaitInvalidationChannels();
      // first, until a notification is seen to arrive: the application starts listening in the
      // background as it deploys, drops its heap tier when it does (a notification sent before
      // could not have reached it), and a notification sent before that is lost by design
      assertThat(http.get(host, "/probe/plan").body()).isEqualTo("free");
      schema.execute("UPDATE tenants SET plan = 'pro' WHERE id = '" + id + "'");
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!http.get(host, "/probe/plan").body().equals("pro")) {
        assertThat(System.nanoTime()).as("the application listens").isLessThan(deadline);
        schema.execute("SELECT pg_notify('" + CHANNEL + "', '" + id + "')");
        Thread.sleep(200);
      }
      Thread.sleep(500); // any notification still on its way arrives before the rounds

      // then each change, announced once, is served within 5 s
      List<Long> millis = new ArrayList<>();
      String plan = "pro";
      for (int round = 0; round < 3; round++) {
        assertThat(http.get(host, "/probe/plan").body()).isEqualTo(plan);
        String next = plan.equals("free") ? "pro" : "free";
        schema.execute("UPDATE tenants SET plan = '" + next + "' WHERE id = '" + id + "'");
        assertThat(http.get(host, "/probe/plan").body()).as("still cached").isEqualTo(plan);

        long start = System.nanoTime();
        schema.execute("SELECT pg_notify('" + CHANNEL + "', '" + id + "')");
        millis.add(http.millisUntil(host, "/probe/plan", next, plan, start,
            "the notified change is served"));
        plan = next;
      }
      System.out.println("SQL NOTIFY invalidation on " + ItServices.server() + ": ms " + millis);
    } finally {
      schema.execute("DELETE FROM tenants WHERE id = '" + id + "'");
    }
  }
}
