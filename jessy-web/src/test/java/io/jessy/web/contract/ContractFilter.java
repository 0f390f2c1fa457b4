package io.jessy.web.contract;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.Headers;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A REST Assured filter that holds every exchange through it to an {@link ApiContract}. */
public final class ContractFilter implements Filter {

  private final ApiContract contract;

  public ContractFilter(ApiContract contract) {
    this.contract = contract;
  }

  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification expectation,
      FilterContext context) {
    Response response = context.next(request, expectation);
    contract.check(
        new Exchange(
            request.getMethod(),
            URI.create(request.getURI()),
            map(request.getHeaders()),
            body(request.getBody()),
            response.statusCode(),
            map(response.getHeaders()),
            response.asByteArray()));
    return response;
  }

  private static byte[] body(Object body) {
    if (body == null) {
      return new byte[0];
    }
    return body instanceof byte[] bytes ? bytes : body.toString().getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, List<String>> map(Headers headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    headers.forEach(
        h -> map.computeIfAbsent(h.getName(), n -> new ArrayList<>()).add(h.getValue()));
    return map;
  }
}
