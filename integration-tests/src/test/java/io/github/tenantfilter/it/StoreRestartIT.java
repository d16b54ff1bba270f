// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.ProcessSockets;
import io.github.tenantfilter.testing.RawHttp;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Properties;
import java.util.Set;
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
 * PostgreSQL drops every connection of the server (a restart, a failover, a network cut), and
 * the operator's pool (src/payara/setup.asadmin, src/wildfly/setup.cli) must hand out live
 * ones at once: the next lookup that needs the database resolves on its first try. Without the
 * pool's validation (as the scripts had it before) both servers handed the dead connections out
 * again, and tenants the heap tier did not hold got 503 until the server restarted.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class StoreRestartIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    // a Redis prefix of its own: what this test asks for is in neither tier, so it reaches
    // the database
    return Deployments.war("store-restart", contextParam("tenant-filter.redis.key-prefix",
        ItServices.get().getProperty("tf.redis.prefix") + "restart-"
            + UUID.randomUUID().toString().substring(0, 8) + ":"));
  }

  @ArquillianResource URL url;

  @Test
  void postgresDropsEveryConnection_nextLookupNeedingTheStore_resolvesFirstTime()
      throws Exception {
    Http http = new Http(url);
    assertThat(http.get("acme.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=acme cdi=acme");
    Properties info = new Properties();
    info.load(new StringReader(http.get("acme.app.localhost", "/server-info").body()));
    long serverPid = Long.parseLong(info.getProperty("pid"));

    for (int round = 1; round <= 3; round++) {
      assertThat(http.get("globex.app.localhost", "/probe/invalidate?id=globex").body())
          .isEqualTo("invalidated");
      int terminated = terminateBackendsOf(serverPid);
      assertThat(terminated).as("round %d: the server's PostgreSQL sessions ended", round)
          .isPositive();

      RawHttp.Response response = http.get("globex.app.localhost", "/probe/whoami");
      assertThat(response.status()).as("round %d: %s", round, response.body()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("tenant=globex cdi=globex");
    }
  }

  /** Ends, in PostgreSQL, every session whose client is one of the server's sockets. */
  private static int terminateBackendsOf(long serverPid) throws Exception {
    URI db = URI.create(LocalPostgres.get().jdbcUrl().substring("jdbc:".length()));
    Set<Integer> ports = ProcessSockets.localPortsTo(serverPid,
        db.getPort() < 0 ? 5432 : db.getPort());
    int terminated = 0;
    try (Connection connection = LocalPostgres.get().connect()) {
      Array clientPorts = connection.createArrayOf("int4", ports.toArray());
      try (PreparedStatement kill = connection.prepareStatement(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE client_port = ANY (?) AND pid <> pg_backend_pid()")) {
        kill.setArray(1, clientPorts);
        try (ResultSet rows = kill.executeQuery()) {
          while (rows.next()) {
            if (rows.getBoolean(1)) {
              terminated++;
            }
          }
        }
      }
    }
    return terminated;
  }
}
