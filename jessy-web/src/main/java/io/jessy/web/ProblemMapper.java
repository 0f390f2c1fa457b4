package io.jessy.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.nio.channels.ClosedChannelException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one exception mapper of each service: every failure leaves as {@code
 * application/problem+json} with the request id, bad input as a 4xx, and never with a stack trace.
 */
public class ProblemMapper {

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

  @ServerExceptionMapper
  public Response api(ApiException e, HttpServerRequest request) {
    return respond(e.status(), e.slug(), e.title(), e.getMessage(), request);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, HttpServerRequest request) {
    // Quarkus REST wraps body-reading failures (ours included) in a plain 400.
    Response wrapped = wrapped(e, request);
    if (wrapped != null) {
      return wrapped;
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return unexpected(e, request);
    }
    if (status == 413) {
      return respond(413, BodyLimit.SLUG, BodyLimit.TITLE, detail(status, e), request);
    }
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type != null ? type.getReasonPhrase() : "Client error";
    return respond(status, slug(title), title, detail(status, e), request);
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e, HttpServerRequest request) {
    return respond(400, "invalid-json", "Invalid JSON", describe(e), request);
  }

  /** Overrides the Jackson extension's own, more specific mapper (which sends no body). */
  @ServerExceptionMapper
  public Response mismatch(MismatchedInputException e, HttpServerRequest request) {
    return json(e, request);
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, HttpServerRequest request) {
    Response wrapped = wrapped(e, request);
    if (wrapped != null) {
      return wrapped;
    }
    if (clientGone(e)) {
      // Nobody is left to answer, and nothing failed on our side.
      LOG.debugf("%s %s: the client went away", request.method(), request.path());
      return respond(
          499,
          "client-closed",
          "Client closed the request",
          "The connection closed before the request was read.",
          request);
    }
    LOG.errorf(e, "unexpected failure handling %s %s", request.method(), request.path());
    return respond(
        500,
        "internal-error",
        "Internal error",
        "The request failed; see the logs for its request id.",
        request);
  }

  /** Whether the failure is the client's connection closing under a request, e.g. mid-body. */
  public static boolean clientGone(Throwable e) {
    return cause(e, HttpClosedException.class) != null
        || cause(e, ClosedChannelException.class) != null;
  }

  /** The response for an ApiException or JSON failure somewhere in the cause chain, else null. */
  private Response wrapped(Throwable e, HttpServerRequest request) {
    ApiException api = cause(e, ApiException.class);
    if (api != null) {
      return api(api, request);
    }
    JsonProcessingException json = cause(e, JsonProcessingException.class);
    return json != null ? json(json, request) : null;
  }

  static Response respond(
      int status, String slug, String title, String detail, HttpServerRequest request) {
    Problem problem = Problem.of(status, slug, title, detail, RequestIds.of(request));
    return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  /** What went wrong in a request body, in words a client can act on; never a stack trace. */
  public static String describe(JsonProcessingException e) {
    ApiException api = cause(e, ApiException.class);
    if (api != null) {
      return api.getMessage();
    }
    if (e instanceof JsonParseException) {
      return "The body is not valid JSON: " + e.getOriginalMessage();
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "Unknown field \"" + unknown.getPropertyName() + "\".";
    }
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      return e.getCause().getMessage();
    }
    if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
      return "The body has content after its JSON object; send exactly one object.";
    }
    if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
      String field = path((JsonMappingException) e);
      Class<?> target = ((MismatchedInputException) e).getTargetType();
      String expected = target == null ? "a different type" : expectedType(target);
      return field.isEmpty()
          ? "The body must be a JSON object."
          : "Field \"" + field + "\" must be " + expected + ".";
    }
    return "The body could not be read as JSON.";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static String expectedType(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    return "of type " + type.getSimpleName();
  }

  private static String detail(int status, WebApplicationException e) {
    return switch (status) {
      case 404 -> "No resource at this path.";
      case 405 -> "This method is not allowed on this resource.";
      case 406 -> "No acceptable representation; this resource serves JSON.";
      case 413 -> "The request body is too large.";
      case 415 -> "Unsupported content type; send application/json.";
      default -> e.getMessage();
    };
  }

  private static String slug(String title) {
    return title
        .toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("(^-|-$)", "");
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
