// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.it.mdc.MdcProbeServlet;
import java.io.File;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code log.mdc=tenant} on the real server: while a request runs, the tenant id is in the
 * application's SLF4J MDC (the WAR carries slf4j-jdk14) and, on WildFly, in JBoss Logging's MDC,
 * which the server's own log records read; a request without a tenant has none there, and no
 * request leaves its tenant behind on the pooled thread.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class LogContextIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("logcontext", contextParam("tenant-filter.log.mdc", "tenant")
            + contextParam("tenant-filter.exclude-paths", "/excluded/*"))
        .addClass(MdcProbeServlet.class)
        .addAsLibraries(new File(System.getProperty("tf.slf4j.jdk14.jar")));
  }

  @ArquillianResource URL url;

  /**
   * JBoss Logging is on WildFly (the server's own MDC) and on Payara (which ships it for Weld);
   * on WildFly SLF4J and JBoss Logging are one MDC, which restoring them in the wrong order left
   * the last tenant in (this test found it).
   */
  @Test
  void requestsTenant_isInTheMdcs_whileItRuns_andNoWhereElse() {
    Http http = new Http(url);
    String jbossLogging = http.get("acme.app.localhost", "/mdc").body().endsWith("jboss=absent")
        ? "absent" : null;
    assertThat(jbossLogging == null || !ItServices.onWildFly()).isTrue();
    for (int i = 0; i < 20; i++) {
      for (String tenant : new String[] {"acme", "globex"}) {
        assertThat(http.get(tenant + ".app.localhost", "/mdc").body())
            .isEqualTo("slf4j=" + tenant + " jboss=" + (jbossLogging == null ? tenant : "absent"));
      }
      // the excluded path runs with no tenant: nothing of the requests before on its thread
      assertThat(http.get("acme.app.localhost", "/excluded/mdc").body())
          .isEqualTo("slf4j=null jboss=" + (jbossLogging == null ? "null" : "absent"));
    }
  }
}
