package io.jessy.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.HashMap;
import java.util.Map;

/** Services started with a production configuration of the scenario's choosing. */
public class ProductionSteps {

  private Stack.Launch launch;

  @When("jessy-{word} is started with JESSY_ENV=production and {}")
  public void startedInProduction(String service, String settings) {
    Map<String, String> env = new HashMap<>(Map.of("JESSY_ENV", "production"));
    if (!settings.equals("nothing else")) {
      for (String setting : settings.split(" ")) {
        String[] pair = setting.split("=", 2);
        env.put(pair[0], pair[1]);
      }
    }
    launch = Stack.get().launch("jessy-" + service, env);
  }

  @Then("it refuses to start, naming {word}")
  public void refuses(String variable) {
    assertThat(launch.ready()).as("started anyway:%n%s", launch.output()).isFalse();
    assertThat(launch.output()).contains(variable + " must");
  }

  @Then("it starts")
  public void starts() {
    assertThat(launch.ready()).as("did not start:%n%s", launch.output()).isTrue();
  }
}
