// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import io.github.tenantfilter.it.app.ProbeServlet;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
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

  /**
   * A web.xml {@code <data-source>} named {@code name} for this run's PostgreSQL database (user
   * and password from {@link ItServices}) at {@code host}:{@code port}, in {@code schema}, with
   * further driver properties given as name, value pairs.
   */
  public static String postgresDataSource(String name, String host, String port, String schema,
      String... properties) {
    Properties p = ItServices.get();
    StringBuilder xml = new StringBuilder()
        .append("<data-source>\n")
        .append("  <name>").append(name).append("</name>\n")
        .append("  <class-name>org.postgresql.ds.PGSimpleDataSource</class-name>\n")
        .append("  <server-name>").append(host).append("</server-name>\n")
        .append("  <port-number>").append(port).append("</port-number>\n")
        .append("  <database-name>").append(p.getProperty("tf.db.name"))
        .append("</database-name>\n")
        .append("  <user>").append(p.getProperty("tf.db.user")).append("</user>\n")
        .append("  <password>").append(p.getProperty("tf.db.password")).append("</password>\n");
    List<String> all = new ArrayList<>(List.of("currentSchema", schema));
    all.addAll(List.of(properties));
    for (int i = 0; i < all.size(); i += 2) {
      xml.append("  <property><name>").append(all.get(i)).append("</name><value>")
          .append(all.get(i + 1)).append("</value></property>\n");
    }
    return xml.append("</data-source>\n").toString();
  }

  /** A {@code <context-param>}. */
  public static String contextParam(String name, String value) {
    return "<context-param><param-name>" + name + "</param-name><param-value>" + value
        + "</param-value></context-param>\n";
  }
}
