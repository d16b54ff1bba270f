package io.github.tenantfilter.it;

import io.github.tenantfilter.it.app.ProbeServlet;
import java.io.File;
import java.util.Arrays;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test WARs. Each holds the real packaged tenant-filter JAR (from this reactor's build) and its
 * dependencies in {@code WEB-INF/lib}, as an application would ship it, plus the probe
 * application.
 */
public final class Deployments {

  private Deployments() {}

  /** A WAR named {@code name} with no {@code web.xml}. */
  public static WebArchive war(String name) {
    File[] libs = new File(System.getProperty("tf.war.libs")).listFiles((dir, file) ->
        file.endsWith(".jar"));
    if (libs == null
        || Arrays.stream(libs).noneMatch(f -> f.getName().matches("tenant-filter-.*\\.jar"))) {
      throw new IllegalStateException(
          "no packaged tenant-filter JAR in " + System.getProperty("tf.war.libs")
              + ": run mvn verify from the project root");
    }
    return ShrinkWrap.create(WebArchive.class, name + ".war")
        .addAsLibraries(libs)
        .addPackage(ProbeServlet.class.getPackage());
  }

  /** A WAR with the given {@code web.xml} content (everything inside {@code <web-app>}). */
  public static WebArchive war(String name, String webXmlBody) {
    return war(name).setWebXML(new StringAsset(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n"
            + webXmlBody
            + "\n</web-app>\n"));
  }

  /** A {@code <context-param>}. */
  public static String contextParam(String name, String value) {
    return "<context-param><param-name>" + name + "</param-name><param-value>" + value
        + "</param-value></context-param>\n";
  }
}
