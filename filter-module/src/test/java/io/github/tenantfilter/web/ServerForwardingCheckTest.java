// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** WildFly's management model as JMX shows it: jboss.as:subsystem=undertow,... */
class ServerForwardingCheckTest {

  /** An Undertow listener resource with its proxyAddressForwarding attribute. */
  private static DynamicMBean listener(boolean forwarding) {
    return new DynamicMBean() {
      @Override
      public Object getAttribute(String attribute) throws AttributeNotFoundException {
        if (!attribute.equals("proxyAddressForwarding")) {
          throw new AttributeNotFoundException(attribute);
        }
        return forwarding;
      }

      @Override
      public void setAttribute(Attribute attribute) {}

      @Override
      public AttributeList getAttributes(String[] attributes) {
        return new AttributeList();
      }

      @Override
      public AttributeList setAttributes(AttributeList attributes) {
        return attributes;
      }

      @Override
      public Object invoke(String action, Object[] params, String[] signature) {
        return null;
      }

      @Override
      public MBeanInfo getMBeanInfo() {
        return new MBeanInfo(getClass().getName(), "listener", null, null, null, null);
      }
    };
  }

  private static MBeanServer server(boolean httpForwarding) throws Exception {
    MBeanServer server = MBeanServerFactory.newMBeanServer();
    server.registerMBean(listener(httpForwarding), new ObjectName(
        "jboss.as:subsystem=undertow,server=default-server,http-listener=default"));
    server.registerMBean(listener(false), new ObjectName(
        "jboss.as:subsystem=undertow,server=default-server,https-listener=https"));
    return server;
  }

  @Test
  void forwardingOn_noTrustedProxies_warnsThatClientsChooseTheirTenant() throws Exception {
    String warning = ServerForwardingCheck.warning(server(true), false);
    assertThat(warning)
        .contains("proxy-address-forwarding=true on http-listener default")
        .contains("chooses its tenant with X-Forwarded-Host")
        .contains("tenant-filter.trusted-proxies");
  }

  @Test
  void forwardingOn_withTrustedProxies_warnsThatTheAddressIsTheClients() throws Exception {
    assertThat(ServerForwardingCheck.warning(server(true), true))
        .contains("checks an address taken from X-Forwarded-For");
  }

  @Test
  void forwardingOff_orNotWildFly_saysNothing() throws Exception {
    assertThat(ServerForwardingCheck.warning(server(false), false)).isNull();
    assertThat(ServerForwardingCheck.warning(MBeanServerFactory.newMBeanServer(), false)).isNull();
  }
}
