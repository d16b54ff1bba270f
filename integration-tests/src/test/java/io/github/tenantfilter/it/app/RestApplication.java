package io.github.tenantfilter.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS under /rest. */
@ApplicationPath("/rest")
public class RestApplication extends Application {}
