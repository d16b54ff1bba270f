// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static io.github.tenantfilter.it.Deployments.postgresDataSource;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.it.jpa.TenantNote;
import io.github.tenantfilter.testing.LocalPostgres;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenant-scoped entities through the server's own JPA provider, fed by the current tenant:
 * {@code HibernateTenantResolver} with {@code @TenantId} on WildFly, {@code EclipseLinkTenant}
 * with {@code @Multitenant} on Payara and Open Liberty. A tenant's request lists and finds its
 * own rows only, its new rows are written for it, and where there is no tenant nothing is read.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class JpaTenantEntitiesIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    LocalPostgres.Schema schema = ItServices.schema();
    schema.execute("DROP TABLE IF EXISTS tf_jpa_notes");
    schema.execute("CREATE TABLE tf_jpa_notes (id bigserial PRIMARY KEY, tenant_id text NOT NULL,"
        + " body text NOT NULL)");
    schema.execute("INSERT INTO tf_jpa_notes (tenant_id, body) VALUES ('acme', 'acme-1'),"
        + " ('acme', 'acme-2'), ('globex', 'globex-1')");
    Properties p = ItServices.get();
    return Deployments.war("jpanotes",
            postgresDataSource("java:app/jdbc/jpanotes", p.getProperty("tf.db.host"),
                p.getProperty("tf.db.port"), p.getProperty("tf.db.schema"))
                + contextParam("tenant-filter.exclude-paths", "/excluded/*"))
        .addPackage(TenantNote.class.getPackage())
        .addAsResource(new StringAsset("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<persistence xmlns=\"https://jakarta.ee/xml/ns/persistence\" version=\"3.0\">\n"
            + "  <persistence-unit name=\"notes\" transaction-type=\"JTA\">\n"
            + "    <jta-data-source>java:app/jdbc/jpanotes</jta-data-source>\n"
            + "    <class>" + TenantNote.class.getName() + "</class>\n"
            + "    <exclude-unlisted-classes>true</exclude-unlisted-classes>\n"
            + "    <properties>\n"
            + "      <property name=\"hibernate.tenant_identifier_resolver\""
            + " value=\"io.github.tenantfilter.jpa.HibernateTenantResolver\"/>\n"
            + "    </properties>\n"
            + "  </persistence-unit>\n"
            + "</persistence>\n"), "META-INF/persistence.xml")
        .addAsResource(new StringAsset("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<entity-mappings xmlns=\"http://www.eclipse.org/eclipselink/xsds/persistence/orm\""
            + " version=\"2.5\">\n"
            + "  <entity class=\"" + TenantNote.class.getName() + "\">\n"
            + "    <multitenant>\n"
            + "      <tenant-discriminator-column name=\"tenant_id\""
            + " context-property=\"eclipselink.tenant-id\"/>\n"
            + "    </multitenant>\n"
            + "    <attributes><transient name=\"tenantId\"/></attributes>\n"
            + "  </entity>\n"
            + "</entity-mappings>\n"), "META-INF/eclipselink-orm.xml");
  }

  @ArquillianResource URL url;

  @Test
  void tenantsRequest_listsAndFindsItsRowsOnly_andWritesForItself() throws SQLException {
    Http http = new Http(url);
    String provider = http.get("acme.app.localhost", "/jpanotes?op=provider").body();
    assertThat(provider).isEqualTo(ItServices.onWildFly() ? "hibernate" : "eclipselink");
    assertThat(http.get("acme.app.localhost", "/jpanotes?op=list").body())
        .isEqualTo("rows=acme-1,acme-2");
    assertThat(http.get("globex.app.localhost", "/jpanotes?op=list").body())
        .isEqualTo("rows=globex-1");
    // globex's row 3, asked for by id in acme's request
    assertThat(http.get("acme.app.localhost", "/jpanotes?op=find&id=3").body())
        .isEqualTo("found=none");
    assertThat(http.get("globex.app.localhost", "/jpanotes?op=find&id=3").body())
        .isEqualTo("found=globex-1");
    String added = http.get("initech.app.localhost", "/jpanotes?op=add&body=initech-1").body();
    assertThat(added).startsWith("id=");
    assertThat(http.get("initech.app.localhost", "/jpanotes?op=list").body())
        .isEqualTo("rows=initech-1");
    assertThat(http.get("acme.app.localhost", "/jpanotes?op=find&id=" + added.substring(3))
        .body()).isEqualTo("found=none");
    assertThat(tenantOf("initech-1")).isEqualTo("initech");
  }

  /** The tenant_id the database holds for the note {@code body}. */
  static String tenantOf(String body) throws SQLException {
    try (Connection connection = ItServices.schema().connect();
        PreparedStatement query =
            connection.prepareStatement("SELECT tenant_id FROM tf_jpa_notes WHERE body = ?")) {
      query.setString(1, body);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  @Test
  void requestWithoutTenant_readsNothing() {
    assertThat(new Http(url).get("acme.app.localhost", "/excluded/jpanotes?op=list").body())
        .isEqualTo("refused NoTenantException");
  }
}
