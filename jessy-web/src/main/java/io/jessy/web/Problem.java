package io.jessy.web;

/** An RFC 9457 problem document; {@code type} is a URN, so it never points at a host. */
public record Problem(String type, String title, int status, String detail, String requestId) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(int status, String slug, String title, String detail, String requestId) {
    return new Problem("urn:jessy:problem:" + slug, title, status, detail, requestId);
  }
}
