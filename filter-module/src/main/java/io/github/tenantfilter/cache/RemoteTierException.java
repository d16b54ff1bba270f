package io.github.tenantfilter.cache;

/** The shared tier failed: unreachable, timed out, or a reply that makes no sense. */
final class RemoteTierException extends Exception {
  private static final long serialVersionUID = 1L;

  RemoteTierException(String message, Throwable cause) {
    super(message, cause);
  }
}
