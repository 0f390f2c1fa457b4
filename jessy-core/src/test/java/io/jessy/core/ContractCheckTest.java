package io.jessy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jessy.web.contract.ContractFilter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** The core's tests are held to the contract only while ContractCheck really installs it. */
@QuarkusTest
class ContractCheckTest {

  @Test
  void everyRestAssuredExchangeOfTheseTestsGoesThroughTheContract() {
    assertThat(RestAssured.filters()).hasAtLeastOneElementOfType(ContractFilter.class);
  }
}
