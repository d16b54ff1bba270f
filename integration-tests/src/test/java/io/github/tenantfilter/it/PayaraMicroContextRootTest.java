// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.junit.jupiter.api.Test;

/** The context root the connector's log parse can lose comes back; a parsed one is kept. */
class PayaraMicroContextRootTest {

  @Test
  void emptyParse_getsTheWarsNameAsContextRoot() {
    HTTPContext context = new HTTPContext("192.0.2.2", 8332);
    ProtocolMetaData metaData = new ProtocolMetaData().addContext(context);

    PayaraMicroContextRoot.withContextRoot(metaData, "circuitwebxml.war");

    assertThat(context.getServlets()).extracting(Servlet::getContextRoot)
        .containsExactly("/circuitwebxml");
    assertThat(context.getServlets().get(0).getBaseURI().toString())
        .isEqualTo("http://192.0.2.2:8332/circuitwebxml/");
  }

  @Test
  void parsedContext_isLeftAsItIs() {
    HTTPContext context = new HTTPContext("192.0.2.2", 8332)
        .add(new Servlet("ProbeServlet", "/strategies"));

    PayaraMicroContextRoot.withContextRoot(new ProtocolMetaData().addContext(context), "x.war");

    assertThat(context.getServlets()).extracting(Servlet::getName)
        .containsExactly("ProbeServlet");
  }
}
