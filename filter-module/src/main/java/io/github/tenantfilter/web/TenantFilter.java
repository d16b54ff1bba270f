// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantRefused;
import io.github.tenantfilter.api.TenantResolved;
import io.github.tenantfilter.api.TenantStoreException;
import io.github.tenantfilter.context.TenantThreadContext;
import io.github.tenantfilter.internal.config.ErrorResponse;
import io.github.tenantfilter.internal.config.StatusOutcomes;
import io.github.tenantfilter.internal.config.UnknownTenantPolicy;
import io.github.tenantfilter.internal.resolve.Identification;
import io.github.tenantfilter.internal.resolve.LookupKey;
import io.github.tenantfilter.web.stats.StatsCollector;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Resolves the tenant of every request and binds it for the application ({@link CurrentTenant}
 * by injection, and the request attribute {@value CurrentTenant#REQUEST_ATTRIBUTE}).
 *
 * <p>Rejections are short plain-text bodies with {@code Cache-Control: no-store} (or, with
 * {@code tenant-filter.error-response=container}, {@code sendError} and the error pages).
 *
 * <p>Declared by the JAR's {@code META-INF/web-fragment.xml} for {@code /*}, every dispatcher
 * type, async supported; a {@code web.xml} can add init-params under the filter name {@value
 * #NAME}. It resolves once per request: forwards, includes, error pages and async dispatches of
 * the same request see the tenant bound the first time.
 *
 * <table>
 *   <caption>Outcomes</caption>
 *   <tr><th>request</th><th>response</th></tr>
 *   <tr><td>known tenant</td><td>the application runs with it</td></tr>
 *   <tr><td>excluded path</td><td>the application runs without a tenant</td></tr>
 *   <tr><td>unknown tenant</td><td>404, or pass through without a tenant</td></tr>
 *   <tr><td>tenant whose status is not served</td><td>its status code (403 suspended, 410
 *       deleted by default)</td></tr>
 *   <tr><td>missing, repeated or malformed Host (or id header, path segment, key)</td>
 *       <td>400</td></tr>
 *   <tr><td>a verified JWT that names another tenant, or none ({@code jwt.claim})</td>
 *       <td>403</td></tr>
 *   <tr><td>store down, nothing cached</td><td>503 with Retry-After</td></tr>
 * </table>
 *
 * <p>A served request fires the CDI event {@link TenantResolved}, a refused one {@link
 * TenantRefused}, where the application observes them.
 */
public class TenantFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** The filter's name in {@code web-fragment.xml}; use it in {@code web.xml} to configure it. */
  public static final String NAME = "TenantFilter";

  /** Request attribute that marks a request this filter has handled. */
  static final String HANDLED = "io.github.tenantfilter.handled";

  private static final Logger LOG = Logger.getLogger(TenantFilter.class.getName());

  @Inject transient TenantFilterRuntime runtime;
  @Inject transient RequestTenant requestTenant;
  @Inject transient Instance<RequestContextController> requestContexts;
  @Inject transient Instance<HttpServletRequest> servletRequests;
  @Inject transient BeanManager beanManager;
  @Inject transient Event<TenantResolved> resolvedEvents;
  @Inject transient Event<TenantRefused> refusedEvents;
  /** Whether the application observes each event; null until the first is due. */
  transient volatile Boolean resolvedObserved;
  transient volatile Boolean refusedObserved;
  /** Whether RequestTenant finds the tenant through the container's request bean by itself. */
  private transient volatile Boolean lazyBinding;

  @Override
  public void init() throws ServletException {
    // normally the listener has started it; this covers a web.xml that leaves the listener out
    TenantFilterListener.start(runtime, getServletContext(), getFilterConfig());
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Engine engine = runtime.engine();
    if (engine == null) {
      chain.doFilter(request, response); // disabled
      return;
    }
    if (request.getAttribute(HANDLED) != null) {
      laterDispatch(request, response, chain);
      return;
    }
    request.setAttribute(HANDLED, Boolean.TRUE);
    PathExclusions exclusions = engine.exclusions;
    if (!exclusions.isEmpty() && exclusions.matches(request)) {
      proceed(engine, Optional.empty(), null, request, response, chain);
      return;
    }
    Identification identification;
    try {
      identification = engine.identifier.identify(request);
    } catch (RuntimeException e) {
      // an application's TenantKeyResolver failed (or a bug of ours): never a 500
      LOG.log(Level.SEVERE, "tenant-filter: identifying the tenant of a request failed", e);
      refuse(engine, request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          "Service Unavailable: tenant resolution failed", true, null);
      return;
    }
    String claimed = null;
    if (engine.jwtClaim != null
        && identification.outcome() != Identification.Outcome.MALFORMED) {
      claimed = JwtClaims.tenantOf(request, engine.jwtClaim);
      if (JwtClaims.NONE.equals(claimed)) {
        refuse(engine, request, response, HttpServletResponse.SC_FORBIDDEN,
            "Forbidden: the token names no tenant", false, null);
        return;
      }
      if (claimed != null && (identification.outcome() == Identification.Outcome.NONE
          || engine.identifier.isDefault(identification))) {
        identification = Identification.of(LookupKey.id(claimed));
      }
    }
    Optional<Tenant> tenant = Optional.empty();
    switch (identification.outcome()) {
      case MALFORMED -> {
        refuse(engine, request, response, HttpServletResponse.SC_BAD_REQUEST,
            "Bad Request: " + identification.reason(), false, null);
        return;
      }
      case KEY -> {
        try {
          tenant = engine.lookup.find(identification.key());
          LookupKey hostKey = identification.hostKey();
          if (tenant.isPresent() && hostKey != null && !sameTenant(tenant.get(),
              engine.lookup.find(hostKey))) {
            refuse(engine, request, response, HttpServletResponse.SC_BAD_REQUEST,
                "Bad Request: the path and the host name different tenants", false, null);
            return;
          }
        } catch (TenantStoreException e) {
          refuse(engine, request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
              "Service Unavailable: tenant data cannot be read", true, null);
          return;
        } catch (RuntimeException e) {
          // a bug of ours must not become a 500 with a stack trace
          LOG.log(Level.SEVERE, "tenant-filter: resolving " + identification.key() + " failed", e);
          refuse(engine, request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
              "Service Unavailable: tenant resolution failed", true, null);
          return;
        }
      }
      case NONE -> {
        // no tenant named: treated as unknown
      }
    }
    if (tenant.isPresent() && claimed != null && !claimed.equals(tenant.get().id())) {
      // the user's verified token names another tenant: before the status, which is not theirs
      refuse(engine, request, response, HttpServletResponse.SC_FORBIDDEN,
          "Forbidden: not a member of this tenant", false, null);
      return;
    }
    if (tenant.isPresent()) {
      StatsCollector stats = engine.stats;
      if (stats != null) {
        stats.record(tenant.get().id());
      }
      int refused = engine.config.statusOutcomes().outcome(tenant.get().status());
      if (refused != StatusOutcomes.SERVE) {
        refuse(engine, request, response, refused, statusMessage(refused), refused == 503,
            tenant.get().id());
        return;
      }
      request.setAttribute(CurrentTenant.REQUEST_ATTRIBUTE, tenant.get());
      if (!lazyBinding()) {
        bind(tenant.get());
      }
      resolved(tenant.get(), request);
    } else if (engine.config.unknownTenant() == UnknownTenantPolicy.NOT_FOUND) {
      refuse(engine, request, response, HttpServletResponse.SC_NOT_FOUND,
          "Not Found: unknown tenant", false, null);
      return;
    }
    proceed(engine, tenant, tenant.isPresent() ? identification.forward() : null, request,
        response, chain);
  }

  /**
   * Runs the rest of the chain (or, for a tenant named by a path segment under {@code
   * path.forward=true}, forwards to the rest of the path) with {@code tenant} (or none) bound to
   * this thread, for {@link CurrentTenant} and the managed tasks the application submits, and,
   * with {@code log.mdc}, its id in the logging context; what the thread had before is put back
   * after, whatever happens.
   */
  private static void proceed(Engine engine, Optional<Tenant> tenant, String forward,
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Optional<Tenant> previous = TenantThreadContext.enter(tenant);
    LogContext log = tenant.isPresent() && engine != null ? engine.logContext : null;
    Object[] logged = log == null ? null : log.enter(tenant.get().id());
    try {
      if (forward == null) {
        chain.doFilter(request, response);
      } else {
        request.getRequestDispatcher(PathSegments.encode(forward)).forward(request, response);
      }
    } finally {
      TenantThreadContext.restore(previous);
      if (logged != null) {
        log.restore(logged);
      }
    }
  }

  /**
   * A later dispatch of a request already handled (forward, include, error page, async): no
   * second resolution, the same tenant. Payara runs an {@code AsyncContext.dispatch} without a
   * CDI request context (Weld starts one from {@code requestInitialized}, which Payara does not
   * fire again); where none is active, one is activated for this dispatch so that {@link
   * CurrentTenant} works there too.
   */
  private void laterDispatch(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    RequestContextController context = null;
    boolean activated = false;
    if (requestContexts != null && request.getDispatcherType() == DispatcherType.ASYNC) {
      context = requestContexts.get();
      activated = context.activate();
    }
    try {
      Optional<Tenant> tenant = CurrentTenant.of(request);
      tenant.ifPresent(this::bind);
      proceed(runtime.engine(), tenant, null, request, response, chain);
    } finally {
      if (activated) {
        context.deactivate();
      }
      if (context != null) {
        requestContexts.destroy(context);
      }
    }
  }

  private boolean lazyBinding() {
    Boolean lazy = lazyBinding;
    if (lazy == null) {
      lazy = servletRequests != null && servletRequests.isResolvable();
      lazyBinding = lazy;
    }
    return lazy;
  }

  private void bind(Tenant tenant) {
    try {
      requestTenant.bind(tenant);
    } catch (ContextNotActiveException e) {
      // no CDI request context on this dispatch: the request attribute still carries the tenant
    }
  }

  /** Whether the host's tenant, if it names a known one, is {@code tenant}. */
  private static boolean sameTenant(Tenant tenant, Optional<Tenant> byHost) {
    return byHost.isEmpty() || byHost.get().id().equals(tenant.id());
  }

  /** The body for a tenant refused for its status: the code's meaning, nothing of the tenant. */
  private static String statusMessage(int code) {
    return switch (code) {
      case 403 -> "Forbidden: tenant not active";
      case 404 -> "Not Found: unknown tenant";
      case 410 -> "Gone: tenant no longer exists";
      case 423 -> "Locked: tenant locked";
      case 451 -> "Unavailable For Legal Reasons";
      default -> "Service Unavailable: tenant unavailable";
    };
  }

  /** Fires {@link TenantResolved} where the application observes it. */
  private void resolved(Tenant tenant, HttpServletRequest request) {
    Boolean observed = resolvedObserved;
    if (!Boolean.FALSE.equals(observed) && resolvedEvents != null) {
      resolvedObserved = announce(resolvedEvents, observed, new TenantResolved(tenant, request));
    }
  }

  /**
   * Refuses the request: fires {@link TenantRefused} where the application observes it, then
   * answers with {@code status}.
   */
  private void refuse(Engine engine, HttpServletRequest request, HttpServletResponse response,
      int status, String message, boolean retry, String tenantId) throws IOException {
    Boolean observed = refusedObserved;
    if (!Boolean.FALSE.equals(observed) && refusedEvents != null) {
      refusedObserved = announce(refusedEvents, observed,
          new TenantRefused(status, message, tenantId, request));
    }
    reject(engine, response, status, message, retry);
  }

  /**
   * Fires {@code event} if the application observes its type ({@code observed}, or asked of the
   * bean manager when still {@code null}); returns whether it does.
   */
  private <T> Boolean announce(Event<T> events, Boolean observed, T event) {
    boolean observes = observed != null ? observed : observed(event);
    if (observes) {
      fire(events, event);
    }
    return observes;
  }

  /** Whether an observer of the application would get {@code event}; asked once per type. */
  private boolean observed(Object event) {
    try {
      return beanManager != null && !beanManager.resolveObserverMethods(event).isEmpty();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "tenant-filter: cannot tell whether " + event.getClass()
          .getSimpleName() + " is observed; it is fired anyway", e);
      return true;
    }
  }

  /** Fires {@code event}; an observer's exception is logged and changes nothing. */
  private static <T> void fire(Event<T> events, T event) {
    try {
      events.fire(event);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "tenant-filter: an observer of " + event + " failed; the response"
          + " is not changed by it", e);
    }
  }

  /** Answers with {@code status}; {@code message} is a constant, never client input. */
  private static void reject(
      Engine engine, HttpServletResponse response, int status, String message, boolean retry)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    if (retry) {
      response.setHeader("Retry-After", engine.retryAfterSeconds);
    }
    if (engine.config.errorResponse() == ErrorResponse.CONTAINER) {
      response.sendError(status, message);
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("text/plain;charset=UTF-8");
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
