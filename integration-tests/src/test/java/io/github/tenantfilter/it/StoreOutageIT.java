// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static io.github.tenantfilter.it.Deployments.postgresDataSource;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.RawHttp;
import io.github.tenantfilter.testing.TcpProxy;
import java.net.URL;
import java.util.Properties;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stale-if-error on the server: the application's DataSource (a web.xml {@code <data-source>})
 * reaches PostgreSQL through a proxy the test cuts. A tenant cached before the outage is still
 * served past both tiers' TTLs (1 s) within {@code stale-if-error}; a tenant never cached gets
 * 503, never 404 (the store did not say "unknown") and never another tenant. (How the server's
 * pool comes back after PostgreSQL dropped its connections is StoreRestartIT's: this pool is
 * the application's, with no validation, as a web.xml {@code <data-source>} has it.)
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class StoreOutageIT {

  private static TcpProxy proxy;

  @Deployment(testable = false)
  static WebArchive deployment() {
    Properties p = ItServices.get();
    proxy = TcpProxy.start(Integer.parseInt(p.getProperty("tf.db.port")));
    String webXml =
        postgresDataSource("java:app/jdbc/outageTenants", "127.0.0.1",
            Integer.toString(proxy.port()), p.getProperty("tf.db.schema"),
            // a refused connection fails at once; the driver's own connect timeout as a bound
            "connectTimeout", "2")
            + contextParam("tenant-filter.datasource", "java:app/jdbc/outageTenants")
            + contextParam("tenant-filter.redis.key-prefix",
                p.getProperty("tf.redis.prefix") + "outage:")
            + contextParam("tenant-filter.local-cache.ttl", "1")
            + contextParam("tenant-filter.redis.ttl", "1")
            + contextParam("tenant-filter.stale-if-error", "300");
    return Deployments.war("outage", webXml);
  }

  @AfterAll
  static void closeProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @ArquillianResource URL url;

  @Test
  void storeDown_cachedTenantServedStale_uncachedTenant503() throws Exception {
    Http http = new Http(url);
    // acme must stay in the heap tier from here on (a channel coming up later would drop it)
    http.awaitInvalidationChannels();
    assertThat(http.get("acme.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=acme cdi=acme");

    proxy.mode(TcpProxy.Mode.REFUSE);
    Thread.sleep(2_500); // past both TTLs (1 s), well inside stale-if-error (300 s)

    RawHttp.Response stale = http.get("acme.app.localhost", "/probe/whoami");
    assertThat(stale.status()).as(stale.body()).isEqualTo(200);
    assertThat(stale.body()).isEqualTo("tenant=acme cdi=acme");
    assertThat(stats(http)).as("served stale, after the store failed")
        .containsPattern("storeErrors=[1-9]").containsPattern("staleServed=[1-9]");

    RawHttp.Response uncached = http.get("globex.app.localhost", "/probe/whoami");
    assertThat(uncached.status()).as(uncached.body()).isEqualTo(503);
    assertThat(uncached.body()).doesNotContain("tenant=").doesNotContain("Exception");
  }

  /** The stats line, asked on a host whose tenant the heap tier holds (stale or not). */
  private static String stats(Http http) {
    return http.get("acme.app.localhost", "/probe/stats").body();
  }
}
