// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.compat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The compatibility table (docs/compatibility.md), made from what the build's failsafe
 * executions actually ran: one row per execution with a report under {@code
 * target/failsafe-reports/<execution>}. The server's name and version, the lane's kind and the
 * server's Java come from the execution (the system properties failsafe records in each test
 * class's report); the Servlet version and the Java the server itself ran on, where the
 * execution ran ServerInfoIT, from {@code target/compat/<execution>.properties}, which the server
 * answered. A row passes only when its execution ran at least one test and none failed, erred
 * or was skipped.
 *
 * <p>Run by the integration-tests module at {@code post-integration-test}, after every
 * execution and before failsafe's verify fails the build: {@code java CompatibilityTable
 * <target dir> <output file> [<docs file to update between its markers>]}.
 */
public final class CompatibilityTable {

  static final String BEGIN = "<!-- compatibility-table:begin -->";
  static final String END = "<!-- compatibility-table:end -->";

  private CompatibilityTable() {}

  /** One execution's row. */
  record Row(String execution, String server, String version, String kind, String jakartaEe,
      String java, List<String> classes, int tests, int failed, int skipped,
      List<String> failures) {

    boolean passed() {
      return tests > 0 && failed == 0 && skipped == 0;
    }

    String result() {
      if (tests == 0) {
        return "**no test ran**";
      }
      return passed() ? "pass" : "**FAIL** (" + failed + " failed, " + skipped + " skipped)";
    }

    String ran() {
      String count = classes.size() + (classes.size() == 1 ? " class, " : " classes, ")
          + tests + (tests == 1 ? " test" : " tests");
      return "compatibility".equals(kind) || classes.size() <= 3
          ? count + ": " + String.join(", ", classes)
          : count;
    }
  }

  public static void main(String[] args) throws Exception {
    Path target = Path.of(args[0]);
    List<Row> rows = rows(target);
    String table = markdown(rows);
    Path out = Path.of(args[1]);
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
    System.out.println("compatibility table (" + rows.size() + " lanes) written to " + out);
    System.out.print(table);
    System.out.print(failures(rows));
    if (args.length > 2 && args[2] != null && !args[2].isBlank()) {
      Path docs = Path.of(args[2]);
      Files.writeString(docs, replaceBetweenMarkers(Files.readString(docs), table));
      System.out.println("and into " + docs);
    }
  }

  static List<Row> rows(Path target) throws Exception {
    Path reports = target.resolve("failsafe-reports");
    List<Row> rows = new ArrayList<>();
    if (!Files.isDirectory(reports)) {
      return rows;
    }
    try (Stream<Path> dirs = Files.list(reports)) {
      for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory).sorted()::iterator) {
        Row row = row(dir.getFileName().toString(), dir, target.resolve("compat"));
        if (row != null) {
          rows.add(row);
        }
      }
    }
    rows.sort((a, b) -> order(a).compareTo(order(b)));
    return rows;
  }

  private static String order(Row row) {
    return row.server() + " " + row.version() + " " + ("reference".equals(row.kind()) ? 0 : 1)
        + row.execution();
  }

  private static Row row(String execution, Path dir, Path compat) throws Exception {
    Map<String, String> props = new TreeMap<>();
    TreeSet<String> classes = new TreeSet<>();
    int tests = 0;
    int failed = 0;
    int skipped = 0;
    List<String> failures = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString()
          .matches("TEST-.*\\.xml")).sorted()::iterator) {
        Element suite = parse(file).getDocumentElement();
        String name = suite.getAttribute("name");
        classes.add(name.substring(name.lastIndexOf('.') + 1));
        tests += Integer.parseInt(suite.getAttribute("tests"));
        failed += Integer.parseInt(suite.getAttribute("failures"))
            + Integer.parseInt(suite.getAttribute("errors"));
        skipped += Integer.parseInt(suite.getAttribute("skipped"));
        failures.addAll(failures(suite));
        if (props.isEmpty()) {
          NodeList list = suite.getElementsByTagName("property");
          for (int i = 0; i < list.getLength(); i++) {
            Element p = (Element) list.item(i);
            props.put(p.getAttribute("name"), p.getAttribute("value"));
          }
        }
      }
    }
    if (classes.isEmpty()) {
      return null;
    }
    Properties server = new Properties();
    Path info = compat.resolve(execution + ".properties");
    if (Files.exists(info)) {
      try (Reader in = Files.newBufferedReader(info)) {
        server.load(in);
      }
    }
    String servlet = server.getProperty("servlet.container");
    String jakartaEe = servlet == null ? "not recorded"
        : jakartaEe(servlet) + " (Servlet " + servlet + ")";
    String java = server.getProperty("java.version") != null
        ? server.getProperty("java.version") + " (" + server.getProperty("java.vendor") + ")"
        : "not recorded";
    return new Row(execution,
        props.getOrDefault("tf.server.name", "?"),
        props.getOrDefault("tf.server.version", "?"),
        props.getOrDefault("tf.lane.kind", "?"),
        jakartaEe, java, new ArrayList<>(classes), tests, failed, skipped, failures);
  }

  /**
   * The test cases of one report that failed, erred or were skipped, as {@code Class.method:
   * kind: the message's first line}, so that a build log names them where the table says FAIL
   * (the reports themselves stay on the machine that ran the build).
   */
  static List<String> failures(Element suite) {
    List<String> out = new ArrayList<>();
    NodeList cases = suite.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element testCase = (Element) cases.item(i);
      for (String kind : List.of("failure", "error", "skipped")) {
        NodeList found = testCase.getElementsByTagName(kind);
        if (found.getLength() > 0) {
          String cls = testCase.getAttribute("classname");
          String message = ((Element) found.item(0)).getAttribute("message").strip();
          int eol = message.indexOf('\n');
          out.add(cls.substring(cls.lastIndexOf('.') + 1) + "." + testCase.getAttribute("name")
              + ": " + kind + (message.isEmpty() ? ""
                  : ": " + (eol < 0 ? message : message.substring(0, eol).strip())));
        }
      }
    }
    return out;
  }

  /** Below the table, in the build log only: every failed, erred or skipped test by lane. */
  static String failures(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    for (Row row : rows) {
      for (String failure : row.failures()) {
        out.append("not passed in `").append(row.execution()).append("`: ").append(failure)
            .append('\n');
      }
    }
    return out.toString();
  }

  static String jakartaEe(String servlet) {
    return switch (servlet) {
      case "6.0" -> "10";
      case "6.1" -> "11";
      case "5.0" -> "9";
      default -> "?";
    };
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  static String markdown(List<Row> rows) {
    StringBuilder md = new StringBuilder()
        .append("| Server | Version | Jakarta EE | Java (the server's) | Lane | What ran | Result |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      md.append("| ").append(row.server())
          .append(" | ").append(row.version())
          .append(" | ").append(row.jakartaEe())
          .append(" | ").append(row.java())
          .append(" | `").append(row.execution()).append("` (").append(row.kind()).append(")")
          .append(" | ").append(row.ran())
          .append(" | ").append(row.result())
          .append(" |\n");
    }
    return md.toString();
  }

  static String replaceBetweenMarkers(String doc, String table) {
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("no " + BEGIN + " ... " + END + " in the docs file");
    }
    return doc.substring(0, begin + BEGIN.length()) + "\n" + table + doc.substring(end);
  }
}
