package io.jessy.api.proxy;

import java.io.IOException;

/**
 * A request that never reached the core: the pooled connection it was given closed before the
 * request was written to it. Safe to send again whatever the method.
 */
class UnsentRequestException extends IOException {

  UnsentRequestException(Throwable cause) {
    super("the connection to the core closed before the request was sent", cause);
  }
}
