package io.jessy.web;

/**
 * A failure with a known HTTP status, rendered as problem+json by {@link ProblemMapper}.
 *
 * @param slug the problem type's last segment, e.g. {@code invalid-request}
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final String slug;
  private final String title;

  public ApiException(int status, String slug, String title, String detail) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "invalid-request", "Invalid request", detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "not-found", "Not found", detail);
  }

  public int status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }
}
