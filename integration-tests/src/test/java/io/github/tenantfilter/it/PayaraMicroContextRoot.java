// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Payara Micro's Arquillian connector (3.1), with its deployment's context root always known.
 *
 * <p>The connector reads Payara Micro's output every 200 ms and, once a snapshot holds the
 * instance's host and HTTPS line, parses the applications from that same snapshot. When the
 * snapshot ends inside the JSON's {@code "Deployed"} array it finds none and still returns the
 * host and port, without a context root: the test's {@code @ArquillianResource URL} is then the
 * server's root, and every request gets the container's 404. A CI run saw exactly this (1 of 42
 * deployments in the lane; the connector's "Deployed application detected" line missing). This
 * subclass puts the context root back: Payara Micro serves a WAR given with {@code --deploy} at
 * its file name, and no deployment of these tests names another.
 *
 * <p>Registered for every lane (META-INF/services); it overrides the connector only where the
 * connector is on the class path.
 */
public final class PayaraMicroContextRoot implements LoadableExtension {

  static final String CONNECTOR =
      "fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer";

  @Override
  public void register(ExtensionBuilder builder) {
    try {
      Class.forName(CONNECTOR, false, PayaraMicroContextRoot.class.getClassLoader());
    } catch (ClassNotFoundException notThisLane) {
      return;
    }
    Registration.override(builder);
  }

  /** Touches the connector's class only once it is known to be there. */
  private static final class Registration {
    static void override(ExtensionBuilder builder) {
      builder.override(DeployableContainer.class, PayaraMicroDeployableContainer.class,
          Container.class);
    }
  }

  /** The connector, with the context root its log parsing can lose. */
  public static final class Container extends PayaraMicroDeployableContainer {
    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
      return withContextRoot(super.deploy(archive), archive.getName());
    }
  }

  /**
   * Adds the context root of {@code archiveName} to every HTTP context of {@code metaData} that
   * has no servlet (the connector's parse came up empty); leaves parsed contexts as they are.
   */
  static ProtocolMetaData withContextRoot(ProtocolMetaData metaData, String archiveName) {
    if (metaData == null) {
      return null;
    }
    for (HTTPContext context : metaData.getContexts(HTTPContext.class)) {
      if (context.getServlets().isEmpty()) {
        String root = "/" + archiveName.replaceFirst("\\.(war|ear)$", "");
        context.add(new Servlet("default", root));
        System.out.println("PayaraMicroContextRoot: the connector's log snapshot had no "
            + "application of " + archiveName + "; its context root is " + root);
      }
    }
    return metaData;
  }
}
