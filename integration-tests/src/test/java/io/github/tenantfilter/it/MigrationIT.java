// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.it.migration.TenantHelper;
import io.github.tenantfilter.testing.RawHttp;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/migration.md, tried: a WAR written the old way, several servlets each calling the
 * application's own {@code TenantHelper.getTenantFromRequest(request)}, with only the helper's
 * body converted to {@code Tenants.fromRequest(request)} and the guide's web.xml lines (the
 * excluded paths, the error page for {@code NoTenantException}). The server's settings (the
 * operator scripts: DataSource, base domain, Redis) do the rest.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class MigrationIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withLibs("migration")
        .addPackage(TenantHelper.class.getPackage())
        .setWebXML(Deployments.webXml(
            contextParam("tenant-filter.exclude-paths", "/health, /public/*")
                + "<error-page>\n"
                + "  <exception-type>io.github.tenantfilter.api.NoTenantException</exception-type>\n"
                + "  <location>/no-tenant</location>\n"
                + "</error-page>\n"));
  }

  @ArquillianResource URL url;

  private Http http() {
    return new Http(url);
  }

  @ParameterizedTest
  @CsvSource({
      "acme.app.localhost, /api/orders/17, orders tenant=acme",
      "globex.app.localhost, /api/orders/17, orders tenant=globex",
      "acme.app.localhost, /api/invoices, invoices tenant=acme name=Acme",
      "globex.app.localhost, /api/invoices, invoices tenant=globex name=Globex",
      "acme.app.localhost, /q1.report, report /q1.report tenant=acme",
      "globex.app.localhost, /q1.report, report /q1.report tenant=globex",
      "acme-corp.localhost:8080, /api/invoices, invoices tenant=acme name=Acme"
  })
  void convertedHelper_everyServlet_seesTheHostsTenant(String host, String path, String body) {
    RawHttp.Response response = http().get(host, path);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/orders/17", "/api/invoices", "/q1.report"})
  void unknownHost_answeredByTheFilter_neverReachesTheHelper(String path) {
    RawHttp.Response response = http().get("nobody.app.localhost", path);
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("Not Found: unknown tenant\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"acme.app.localhost", "nobody.app.localhost"})
  void excludedPath_helperCalled_noTenantExceptionMappedTo404(String host) {
    RawHttp.Response response = http().get(host, "/public/q1.report");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("Not Found: no tenant\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"acme.app.localhost", "nobody.app.localhost"})
  void excludedPath_optionalTenant_servedWithoutTenantOnAnyHost(String host) {
    RawHttp.Response response = http().get(host, "/health");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok tenant=none");
  }
}
