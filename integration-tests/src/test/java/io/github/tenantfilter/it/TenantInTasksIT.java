// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.it.tasks.TasksServlet;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The request's tenant in Jakarta Concurrency work on the real server, through the JAR's {@code
 * ThreadContextProvider}: a managed task and a contextual supplier see the tenant of the request
 * that submitted them, also when they run after it ended and on a pooled thread that last ran
 * another tenant's task; a context service that clears the type gives "no tenant"; a plain
 * thread, which no context reaches, gets the CDI error, never a tenant.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class TenantInTasksIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("tasks").addPackage(TasksServlet.class.getPackage());
  }

  @ArquillianResource URL url;

  @Test
  void managedTasks_seeTheSubmittingRequestsTenant_andNoOther() {
    Http http = new Http(url);
    for (int i = 0; i < 3; i++) {
      for (String tenant : new String[] {"acme", "globex"}) {
        assertThat(http.get(tenant + ".app.localhost", "/tasks").body().strip())
            .isEqualTo("request=" + tenant + " executor=" + tenant + " contextual=" + tenant
                + " plain=ContextNotActiveException cleared=none");
      }
    }
  }

  /**
   * The server's default executor ({@code java:comp/DefaultManagedExecutorService}) propagates
   * the third-party context on Payara and WildFly; Open Liberty's clears it: there the task knows
   * it has no tenant (docs/server-open-liberty.md), and an application that wants it defines its
   * executor, as TasksServlet does.
   */
  @Test
  void defaultExecutor_propagatesTheTenant_exceptOnLibertyWhereItClearsIt() {
    Http http = new Http(url);
    String expected = ItServices.server().startsWith("liberty") ? "none" : "acme";
    assertThat(http.get("acme.app.localhost", "/tasks?default").body().strip())
        .isEqualTo("default=" + expected);
  }

  @Test
  void queuedTask_runsAfterItsRequest_withThatRequestsTenant() {
    Http http = new Http(url);
    assertThat(http.get("acme.app.localhost", "/tasks?queue").body().strip())
        .isEqualTo("queued acme");
    // globex's request ends before acme's queued task has run
    assertThat(http.get("globex.app.localhost", "/tasks").body().strip())
        .startsWith("request=globex executor=globex ");
    assertThat(http.get("globex.app.localhost", "/tasks?later").body().strip())
        .isEqualTo("later=acme");
  }
}
