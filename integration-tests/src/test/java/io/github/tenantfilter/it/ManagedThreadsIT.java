// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.RawHttp;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
 * On the real servers, every background thread of the filter is the server's: made by its
 * {@code ManagedThreadFactory} ({@code java:comp/DefaultManagedThreadFactory}), so a {@code
 * jakarta.enterprise.concurrent.ManageableThread}, with the application's context class loader;
 * with every background part on (the pub/sub subscriber and its watchdog, PostgreSQL {@code
 * LISTEN}, the stats sampler, and refresh-ahead, whose thread a request starts later).
 * RedeployLeakIT shows on WildFly that these threads still end with each undeploy.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class ManagedThreadsIT {

  static final Set<String> THREADS = Set.of("tenant-filter-invalidations",
      "tenant-filter-invalidations-watchdog", "tenant-filter-pg-listener", "tenant-filter-stats",
      "tenant-filter-refresh-ahead");

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("managedthreads",
        contextParam("tenant-filter.store.notify-channel",
            "tf_mt_" + UUID.randomUUID().toString().substring(0, 8))
            + contextParam("tenant-filter.local-cache.ttl", "2")
            + contextParam("tenant-filter.local-cache.refresh-ahead", "50")
            + contextParam("tenant-filter.stats.enabled", "true"));
  }

  @Test
  void everyBackgroundThread_isTheServersManagedThread(@ArquillianResource URL deployment)
      throws Exception {
    Http http = new Http(deployment);
    assertThat(http.get("acme.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=acme cdi=acme");
    // past half of the 2 s heap TTL: this request refreshes ahead, on a thread made now
    Thread.sleep(1_200);
    assertThat(http.get("acme.app.localhost", "/probe/whoami").status()).isEqualTo(200);
    String probe = http.path("/threadprobe");
    List<String> threads = threads(http.port(), probe);
    for (int i = 0; i < 100 && !names(threads).containsAll(THREADS); i++) {
      Thread.sleep(100);
      threads = threads(http.port(), probe);
    }
    System.out.println("ManagedThreadsIT on " + ItServices.server() + ":\n  "
        + String.join("\n  ", threads));
    assertThat(names(threads)).containsAll(THREADS);
    assertThat(threads).as("on " + ItServices.server())
        .allMatch(line -> line.contains(" managed=true loader=app "));
  }

  /**
   * The lines of the ThreadProbeServlet at {@code path}: {@code <name> managed=<b>
   * loader=<app|other> class=<class>}.
   */
  static List<String> threads(int port, String path) {
    String body = RawHttp.get(port, "acme.app.localhost", path).body();
    return body.isEmpty() ? List.of() : Arrays.asList(body.split("\n"));
  }

  private static Set<String> names(List<String> lines) {
    Set<String> names = new TreeSet<>();
    lines.forEach(line -> names.add(line.substring(0, line.indexOf(' '))));
    return names;
  }
}
