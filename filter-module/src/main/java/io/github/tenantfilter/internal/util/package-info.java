/** Small helpers shared by the module's background threads. Internal. */
package io.github.tenantfilter.internal.util;
