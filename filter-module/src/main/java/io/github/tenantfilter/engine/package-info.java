/**
 * The mechanisms of a tiered cache that the tenant cache ({@code cache}) and the named regions
 * ({@code region}) share, so that each is written, and fixed, once: single-flight loading that
 * never joins across an invalidation, and the ledger of invalidations Redis owes. Internal.
 */
package io.github.tenantfilter.engine;
