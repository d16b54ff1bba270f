// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import io.github.tenantfilter.it.app.ProbeServlet;
import java.io.File;
import java.util.Arrays;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test WARs. Each holds the real packaged tenant-filter JAR (from this reactor's build) and its
 * dependencies in {@code WEB-INF/lib}, as an application would ship it, and (but for {@link
 * #withLibs}) the probe application.
 */
public final class Deployments {

  private Deployments() {}

  /** A WAR named {@code name} with no {@code web.xml}. */
  public static WebArchive war(String name) {
    return withLibs(name).addPackage(ProbeServlet.class.getPackage());
  }

  /** A WAR named {@code name} holding the JAR and its dependencies only: no probe application. */
  public static WebArchive withLibs(String name) {
    File[] libs = new File(System.getProperty("tf.war.libs")).listFiles((dir, file) ->
        file.endsWith(".jar"));
    if (libs == null
        || Arrays.stream(libs).noneMatch(f -> f.getName().matches("tenant-filter-.*\\.jar"))) {
      throw new IllegalStateException(
          "no packaged tenant-filter JAR in " + System.getProperty("tf.war.libs")
              + ": run mvn verify from the project root");
    }
    return ShrinkWrap.create(WebArchive.class, name + ".war").addAsLibraries(libs);
  }

  /** A WAR with the given {@code web.xml} content (everything inside {@code <web-app>}). */
  public static WebArchive war(String name, String webXmlBody) {
    return war(name).setWebXML(webXml(webXmlBody));
  }

  /** A {@code web.xml} with the given content (everything inside {@code <web-app>}). */
  public static StringAsset webXml(String body) {
    return new StringAsset(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n"
            + body
            + "\n</web-app>\n");
  }

  /** A {@code <context-param>}. */
  public static String contextParam(String name, String value) {
    return "<context-param><param-name>" + name + "</param-name><param-value>" + value
        + "</param-value></context-param>\n";
  }
}
