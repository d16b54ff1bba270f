// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.RawHttp;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * What the server under test is, asked of the server itself, for the compatibility table
 * (docs/compatibility.md): its name and version, its Servlet version, the Java it runs on.
 * Written to {@code target/compat/<execution>.properties}, which {@code CompatibilityTable}
 * joins with the execution's failsafe summary. The Java is checked against the one the
 * execution asks for ({@code tf.expected.java}), so a lane meant for Java 25 that runs on 17
 * fails here instead of claiming a row it did not earn.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class ServerInfoIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("server-info");
  }

  @ArquillianResource URL url;

  @Test
  void server_resolvesTenant_runsOnTheExpectedJava_isRecordedForTheTable() throws IOException {
    RawHttp.Response response = new Http(url).get("acme.app.localhost", "/server-info");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    Properties info = new Properties();
    info.load(new StringReader(response.body()));
    assertThat(info.getProperty("tenant")).isEqualTo("tenant=acme_cdi=acme");
    String expectedJava = System.getProperty("tf.expected.java",
        Integer.toString(Runtime.version().feature()));
    assertThat(info.getProperty("java.feature")).as("the server's Java feature release")
        .isEqualTo(expectedJava);

    info.setProperty("execution", ItServices.server());
    Path dir = Files.createDirectories(Path.of(System.getProperty("tf.build.dir"), "compat"));
    try (Writer out = Files.newBufferedWriter(dir.resolve(ItServices.server() + ".properties"))) {
      info.store(out, "written by ServerInfoIT");
    }
  }
}
