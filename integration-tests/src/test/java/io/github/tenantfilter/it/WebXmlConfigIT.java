// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static io.github.tenantfilter.it.Deployments.postgresDataSource;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.RawHttp;
import java.net.URL;
import java.util.Properties;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same JAR configured by the application's web.xml: a {@code <data-source>} of its own
 * (another schema, so the test can tell), context-params that override the server's settings,
 * an init-param on the fragment's filter, an excluded path and error pages.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class WebXmlConfigIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    Properties p = ItServices.get();
    String webXml =
        postgresDataSource("java:app/jdbc/appTenants", p.getProperty("tf.db.host"),
            p.getProperty("tf.db.port"), p.getProperty("tf.db.app.schema"))
            + contextParam("tenant-filter.datasource", "java:app/jdbc/appTenants")
            + contextParam("tenant-filter.exclude-paths", "/probe/health")
            + contextParam("tenant-filter.redis.key-prefix",
                p.getProperty("tf.redis.prefix") + "webxml:")
            // the fragment's filter, configured here: Payara wants the class repeated
            + "<filter><filter-name>TenantFilter</filter-name>\n"
            + "  <filter-class>io.github.tenantfilter.web.TenantFilter</filter-class>\n"
            + "  <async-supported>true</async-supported>\n"
            + "  <init-param><param-name>tenant-filter.header</param-name>"
            + "<param-value>X-Tenant-Id</param-value></init-param>\n"
            + "</filter>\n"
            + "<error-page><error-code>418</error-code><location>/errorpage</location></error-page>\n"
            + "<error-page><exception-type>java.lang.IllegalStateException</exception-type>"
            + "<location>/errorpage</location></error-page>\n";
    return Deployments.war("webxml", webXml);
  }

  @ArquillianResource URL url;

  @Test
  void dataSourceDefinedInWebXml_isTheStore() {
    // umbrella exists only in the schema of the web.xml <data-source>; acme only in the server's
    assertThat(new Http(url).get("umbrella.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=umbrella cdi=umbrella");
    assertThat(new Http(url).get("acme.app.localhost", "/probe/whoami").status()).isEqualTo(404);
  }

  @Test
  void excludedPath_servedWithoutTenantOnAnyHost() {
    RawHttp.Response response = new Http(url).get("nobody.app.localhost", "/probe/health");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
  }

  @Test
  void initParamOnFragmentFilter_enablesHeaderStrategy() {
    assertThat(new Http(url).get("app.localhost", "/probe/whoami", "X-Tenant-Id", "umbrella")
            .body())
        .isEqualTo("tenant=umbrella cdi=umbrella");
    assertThat(new Http(url).get("app.localhost", "/probe/whoami").status()).isEqualTo(404);
  }

  @Test
  void errorPageAfterException_seesSameTenant_resolvedOnce() {
    Http http = new Http(url);
    long before = lookups(http);
    RawHttp.Response response = http.get("umbrella.app.localhost", "/probe/fail");
    long after = lookups(http);
    assertThat(response.status()).isEqualTo(500); // the application's own failure
    assertThat(response.body()).isEqualTo("error-page tenant=umbrella cdi=umbrella");
    assertThat(after - before).isEqualTo(2);
  }

  @Test
  void errorPageAfterSendError_seesSameTenant() {
    RawHttp.Response response = new Http(url).get("umbrella.app.localhost", "/probe/teapot");
    assertThat(response.status()).isEqualTo(418);
    assertThat(response.body()).isEqualTo("error-page tenant=umbrella cdi=umbrella");
  }

  private static long lookups(Http http) {
    String stats = http.get("umbrella.app.localhost", "/probe/stats").body();
    return Long.parseLong(stats.split(" ")[0].substring("lookups=".length()));
  }
}
