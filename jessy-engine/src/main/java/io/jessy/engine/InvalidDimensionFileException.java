package io.jessy.engine;

/** A dimension file that cannot be used; the message names the file, dimension and field. */
public final class InvalidDimensionFileException extends RuntimeException {

  InvalidDimensionFileException(String message) {
    super(message);
  }

  InvalidDimensionFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
