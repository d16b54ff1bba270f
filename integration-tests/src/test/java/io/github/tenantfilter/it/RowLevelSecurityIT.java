// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.it.rls.NotesRepository;
import io.github.tenantfilter.testing.LocalPostgres;
import java.net.URL;
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
 * The PostgreSQL row-level-security recipe on the real server, through the server's JPA
 * provider (Hibernate on WildFly, EclipseLink on Payara and Open Liberty): a query in tenant A's
 * request reads A's rows only, and a write of B's row is refused by the policy; a transaction not
 * scoped sees nothing, also on the pool's one connection right after a scoped one (the setting
 * ends with its transaction); scoping outside a transaction is refused.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class RowLevelSecurityIT {

  static final String ROLE = "tf_rls_app";

  @Deployment(testable = false)
  static WebArchive deployment() {
    prepareDatabase();
    Properties p = ItServices.get();
    String dataSource = "<data-source>\n"
        + "  <name>java:app/jdbc/rls</name>\n"
        + "  <class-name>org.postgresql.ds.PGSimpleDataSource</class-name>\n"
        + "  <server-name>" + p.getProperty("tf.db.host") + "</server-name>\n"
        + "  <port-number>" + p.getProperty("tf.db.port") + "</port-number>\n"
        + "  <database-name>" + p.getProperty("tf.db.name") + "</database-name>\n"
        + "  <user>" + ROLE + "</user>\n"
        + "  <password>" + ROLE + "</password>\n"
        + "  <property><name>currentSchema</name><value>" + p.getProperty("tf.db.schema")
        + "</value></property>\n"
        // one connection: the unscoped transaction reuses the one a scoped one just used
        + "  <max-pool-size>1</max-pool-size>\n"
        + "  <min-pool-size>0</min-pool-size>\n"
        + "</data-source>\n";
    return Deployments.war("rls", dataSource + contextParam("tenant-filter.exclude-paths", ""))
        .addPackage(NotesRepository.class.getPackage())
        .addAsResource(new StringAsset("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<persistence xmlns=\"https://jakarta.ee/xml/ns/persistence\" version=\"3.0\">\n"
            + "  <persistence-unit name=\"rls\" transaction-type=\"JTA\">\n"
            + "    <jta-data-source>java:app/jdbc/rls</jta-data-source>\n"
            + "    <exclude-unlisted-classes>true</exclude-unlisted-classes>\n"
            + "  </persistence-unit>\n"
            + "</persistence>\n"), "META-INF/persistence.xml");
  }

  /** The recipe of docs/using.md, for a role that owns nothing and bypasses nothing. */
  static void prepareDatabase() {
    LocalPostgres.Schema schema = ItServices.schema();
    schema.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + ROLE
        + "') THEN CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + ROLE + "'; END IF; END $$");
    schema.execute("DROP TABLE IF EXISTS tf_rls_notes");
    schema.execute("CREATE TABLE tf_rls_notes (tenant_id text NOT NULL, body text NOT NULL)");
    schema.execute("INSERT INTO tf_rls_notes VALUES ('acme', 'acme-1'), ('acme', 'acme-2'),"
        + " ('globex', 'globex-1')");
    schema.execute("ALTER TABLE tf_rls_notes ENABLE ROW LEVEL SECURITY");
    schema.execute("CREATE POLICY tenant_isolation ON tf_rls_notes"
        + " USING (tenant_id = current_setting('app.tenant_id', true))"
        + " WITH CHECK (tenant_id = current_setting('app.tenant_id', true))");
    schema.execute("GRANT USAGE ON SCHEMA " + ItServices.get().getProperty("tf.db.schema")
        + " TO " + ROLE);
    schema.execute("GRANT SELECT, INSERT ON tf_rls_notes TO " + ROLE);
  }

  @ArquillianResource URL url;

  @Test
  void tenantsRequest_readsItsRowsOnly_andAnUnscopedTransactionNone() {
    Http http = new Http(url);
    for (int i = 0; i < 3; i++) {
      assertThat(http.get("acme.app.localhost", "/notes?op=scoped").body())
          .isEqualTo("rows=acme-1,acme-2");
      // the same pooled connection, right after: the setting ended with its transaction
      assertThat(http.get("acme.app.localhost", "/notes?op=unscoped").body()).isEqualTo("rows=");
      assertThat(http.get("globex.app.localhost", "/notes?op=scoped").body())
          .isEqualTo("rows=globex-1");
    }
  }

  /** Initech has no rows (the reading test leaves it alone): only its own request adds one. */
  @Test
  void writeOfAnotherTenantsRow_isRefusedByThePolicy() {
    Http http = new Http(url);
    assertThat(http.get("initech.app.localhost", "/notes?op=scoped").body()).isEqualTo("rows=");
    assertThat(http.get("acme.app.localhost", "/notes?op=insert&for=initech&body=planted").body())
        .isEqualTo("refused PSQLException row-level security");
    assertThat(http.get("initech.app.localhost", "/notes?op=scoped").body()).isEqualTo("rows=");
    assertThat(http.get("initech.app.localhost", "/notes?op=insert&for=initech&body=initech-1")
        .body()).isEqualTo("inserted");
    assertThat(http.get("initech.app.localhost", "/notes?op=scoped").body())
        .isEqualTo("rows=initech-1");
    assertThat(http.get("acme.app.localhost", "/notes?op=scoped").body())
        .isEqualTo("rows=acme-1,acme-2");
  }

  @Test
  void scopingOutsideATransaction_isRefused() {
    assertThat(new Http(url).get("acme.app.localhost", "/notes?op=outside").body())
        .isEqualTo("refused IllegalStateException");
  }
}
