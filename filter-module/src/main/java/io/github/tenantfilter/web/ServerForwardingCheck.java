// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.internal.config.Settings;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Warns when the server itself rewrites requests from forwarded headers. WildFly's Undertow with
 * {@code proxy-address-forwarding=true} on a listener replaces {@code Host} with {@code
 * X-Forwarded-Host} and the client address with {@code X-Forwarded-For} before any filter runs:
 * then any client that reaches the server directly chooses its tenant, and {@code
 * tenant-filter.trusted-proxies} checks an address the client wrote. The filter cannot undo it;
 * it says so at startup. Read from WildFly's management model over JMX ({@code jboss.as}
 * domain); on other servers there is nothing to find and nothing is said.
 */
final class ServerForwardingCheck {

  private static final String[] LISTENERS = {"http-listener", "https-listener", "ajp-listener"};

  private ServerForwardingCheck() {}

  /** The warning to log, or {@code null}. */
  static String warning(MBeanServer server, boolean trustedProxies) {
    List<String> forwarding = listenersForwarding(server);
    if (forwarding.isEmpty()) {
      return null;
    }
    String where = "tenant-filter: the server rewrites Host and the client address from"
        + " X-Forwarded-* headers itself (Undertow proxy-address-forwarding=true on "
        + String.join(", ", forwarding) + "). ";
    return where + (trustedProxies
        ? Settings.TRUSTED_PROXIES.name() + " then checks an address taken from"
            + " X-Forwarded-For, which a client that reaches the server directly writes itself."
            + " Turn proxy-address-forwarding off and let " + Settings.TRUSTED_PROXIES.name()
            + " read the headers, or make sure only your proxies can reach this server."
        : "Any client that reaches the server directly chooses its tenant with"
            + " X-Forwarded-Host. Turn proxy-address-forwarding off and set "
            + Settings.TRUSTED_PROXIES.name() + " to your proxies' addresses, or make sure"
            + " only your proxies can reach this server.");
  }

  /** Logs the warning, if any, for the platform MBean server. */
  static String check(boolean trustedProxies) {
    try {
      return warning(ManagementFactory.getPlatformMBeanServer(), trustedProxies);
    } catch (RuntimeException | LinkageError e) {
      return null; // no JMX to ask: nothing known
    }
  }

  static List<String> listenersForwarding(MBeanServer server) {
    Set<String> found = new TreeSet<>();
    for (String type : LISTENERS) {
      Set<ObjectName> names;
      try {
        names = server.queryNames(
            new ObjectName("jboss.as:subsystem=undertow,server=*," + type + "=*"), null);
      } catch (Exception e) {
        continue;
      }
      for (ObjectName name : names) {
        try {
          Object value = server.getAttribute(name, "proxyAddressForwarding");
          if (Boolean.TRUE.equals(value) || "true".equals(String.valueOf(value))) {
            found.add(type + " " + name.getKeyProperty(type));
          }
        } catch (Exception e) {
          // an attribute we cannot read tells nothing
        }
      }
    }
    return new ArrayList<>(found);
  }
}
