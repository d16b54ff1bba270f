// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.payara;

import org.glassfish.grizzly.portunif.PUFilter;
import org.glassfish.grizzly.portunif.PUProtocol;

/**
 * The hook by which Payara puts {@link HostGuardFilter} into a listener's HTTP filter chain.
 *
 * <p>Payara builds a listener's chain from its configuration and offers no setting that adds a
 * filter to an HTTP protocol. A port-unification protocol, though, may name the class of its
 * {@code PUFilter}, and Payara hands that filter every protocol chain it builds for it, HTTP
 * ones included, through {@link #register(PUProtocol)}. This subclass adds the guard to each
 * such chain and otherwise is Grizzly's {@code PUFilter}. Payara runs no HTTP/2 on a
 * port-unification listener: the guarded listener speaks HTTP/1.1 only. Installed by {@code
 * src/payara/host-guard.asadmin}:
 *
 * <pre>
 * create-protocol host-guard
 * create-protocol-finder --protocol host-guard --targetprotocol http-listener \
 *     --classname io.github.tenantfilter.payara.PassThroughFinder host-guard-finder
 * set configs.config.server-config.network-config.protocols.protocol.host-guard\
 *     .port-unification.classname=io.github.tenantfilter.payara.HostGuardPUFilter
 * set configs.config.server-config.network-config.network-listeners.network-listener\
 *     .http-listener.protocol=host-guard
 * </pre>
 */
public class HostGuardPUFilter extends PUFilter {

  /** Made by Payara from the class name in the configuration. */
  public HostGuardPUFilter() {
    super();
  }

  /**
   * Adds the guard to the protocol's chain where it is an HTTP server chain, then registers it.
   *
   * @throws IllegalStateException if the chain is not an HTTP server chain
   */
  @Override
  public void register(PUProtocol protocol) {
    HostGuardFilter.insertInto(protocol.getFilterChain());
    super.register(protocol);
  }
}
