// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The {@code tenant-filter.*} parameters of the application's {@code WEB-INF/web.xml}, read from
 * the file itself, for the one reader that runs before the servlet container has read it: the
 * server's MicroProfile Fault Tolerance, which WildFly configures while CDI validates the
 * deployment (see {@code CircuitBreakerConfigSource}).
 *
 * <p>The file is found next to the JAR this class comes from: {@code .../WEB-INF/lib/x.jar}
 * gives {@code .../WEB-INF/web.xml}, whether the URL is {@code file:}, {@code jar:} or WildFly's
 * {@code vfs:}. Filter init-params of {@value #FILTER_NAME} come before context-params, as for
 * every other setting. Outside {@code WEB-INF/lib}, or when the file cannot be read, there are
 * none; the filter's startup then notices that a web.xml value did not reach Fault Tolerance and
 * fails the deployment.
 */
public final class WebXmlParams {

  private static final Logger LOG = Logger.getLogger(WebXmlParams.class.getName());
  private static final String FILTER_NAME = "TenantFilter";
  private static final String PREFIX = "tenant-filter.";
  private static final String LIB = "/WEB-INF/lib/";

  private WebXmlParams() {}

  /**
   * The {@code tenant-filter.*} parameters of the web.xml of the application that holds the JAR
   * of {@code anchor}: init-params of the tenant filter over context-params. Empty when there is
   * no such file.
   */
  public static Map<String, String> of(Class<?> anchor) {
    URL webXml = webXmlBeside(anchor);
    if (webXml == null) {
      return Map.of();
    }
    try (InputStream in = webXml.openStream()) {
      return parse(in);
    } catch (IOException e) {
      return Map.of(); // no web.xml: a web-fragment-only application
    } catch (ParserConfigurationException | SAXException | RuntimeException e) {
      LOG.log(Level.WARNING, "tenant-filter: cannot read " + webXml + ": " + e);
      return Map.of();
    }
  }

  /** Where {@code WEB-INF/web.xml} is when {@code anchor} comes from {@code WEB-INF/lib}. */
  static URL webXmlBeside(Class<?> anchor) {
    URL own = anchor.getResource(anchor.getSimpleName() + ".class");
    return own == null ? null : webXmlBeside(own.toString());
  }

  static URL webXmlBeside(String classUrl) {
    int lib = classUrl.lastIndexOf(LIB);
    if (lib < 0) {
      return null;
    }
    String root = classUrl.substring(0, lib);
    // jar:file:/app/WEB-INF/lib/x.jar!/... -> file:/app (an unpacked WAR);
    // jar:file:/app.war!/WEB-INF/lib/x.jar!/... keeps jar: (a packed one)
    if (root.startsWith("jar:") && root.indexOf('!') < 0) {
      root = root.substring("jar:".length());
    }
    try {
      return new URL(root + "/WEB-INF/web.xml");
    } catch (IOException e) {
      return null;
    }
  }

  /** The parameters in a web.xml document. */
  static Map<String, String> parse(InputStream in)
      throws ParserConfigurationException, SAXException, IOException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(true);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setEntityResolver((publicId, systemId) ->
        new InputSource(new StringReader("")));
    Document document = builder.parse(in);
    Map<String, String> context = new HashMap<>();
    Map<String, String> filter = new HashMap<>();
    for (Element param : children(document.getDocumentElement(), "context-param")) {
      put(context, param);
    }
    for (Element declaration : children(document.getDocumentElement(), "filter")) {
      if (FILTER_NAME.equals(text(declaration, "filter-name"))) {
        for (Element param : children(declaration, "init-param")) {
          put(filter, param);
        }
      }
    }
    context.putAll(filter);
    return Map.copyOf(context);
  }

  private static void put(Map<String, String> params, Element param) {
    String name = text(param, "param-name");
    String value = text(param, "param-value");
    if (name != null && name.startsWith(PREFIX) && value != null) {
      params.put(name, value);
    }
  }

  private static List<Element> children(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && localName.equals(localNameOf(element))) {
        found.add(element);
      }
    }
    return found;
  }

  private static String localNameOf(Element element) {
    return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
  }

  private static String text(Element parent, String localName) {
    List<Element> elements = children(parent, localName);
    return elements.isEmpty() ? null : elements.get(0).getTextContent().trim();
  }
}
