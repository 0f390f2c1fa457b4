package io.jessy.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes a problem+json response from a Vert.x filter, for the few refusals made before a REST
 * resource runs (REST failures go through {@link ProblemMapper}).
 */
@ApplicationScoped
public class RouteProblems {

  private final ObjectMapper json;

  public RouteProblems(ObjectMapper json) {
    this.json = json;
  }

  public void send(RoutingContext ctx, int status, String slug, String title, String detail) {
    Problem problem = Problem.of(status, slug, title, detail, RequestIds.of(ctx.request()));
    try {
      ctx.response()
          .setStatusCode(status)
          .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
          .end(json.writeValueAsString(problem));
    } catch (JsonProcessingException e) {
      ctx.fail(status, e);
    }
  }
}
