package io.jessy.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.jessy.web.HttpChurn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Clients that hang up with requests in flight or in the middle of a stream ({@link HttpChurn}).
 */
public class ChurnSteps {

  private static final String QUESTION = "{\"query\":\"I feel sad and lonely\"}";

  private final List<HttpChurn.Run> runs = new ArrayList<>();
  private final List<Integer> expected = new ArrayList<>();
  private int streamsTried;
  private int streamsOpened;

  private static HttpChurn churn(Target target) {
    List<String> keys = Stack.get().apiKeys();
    Map<String, String> headers =
        target == Target.GATEWAY && !keys.isEmpty()
            ? Map.of("Authorization", "Bearer " + keys.get(0))
            : Map.of();
    return new HttpChurn(Client.baseUri(target), headers, TrustedCa.context().getSocketFactory());
  }

  @When("{int} runs of {int} clients each ask the {target} {int} questions and hang up on a third")
  public void runsThatHangUp(int count, int clients, Target target, int questions)
      throws InterruptedException {
    HttpChurn churn = churn(target);
    for (int i = 0; i < count; i++) {
      if (target == Target.GATEWAY) {
        // Within the suite's pace, so that the rate limit refuses none of them.
        Client.pace(clients * (questions + 1));
      }
      HttpChurn.Run run = churn.postThenHangUp("/api/v1/query", QUESTION, clients, questions);
      assertThat(run.abandoned()).as("clients that hung up").isEqualTo(clients);
      runs.add(run);
      expected.add(clients * questions);
    }
  }

  @When("{int} clients open a stream from the {target} and hang up after its first event")
  public void streamsThatHangUp(int clients, Target target) throws IOException {
    if (target == Target.GATEWAY) {
      Client.pace(clients);
    }
    streamsTried += clients;
    streamsOpened +=
        churn(target).openStreamsThenHangUp("/api/v1/query/stream?query=I%20feel%20sad", clients);
  }

  @Then("every question they waited for was answered with 200")
  public void everyQuestionWasAnswered() {
    for (int i = 0; i < runs.size(); i++) {
      assertThat(runs.get(i).statuses())
          .as("run %d", i + 1)
          .isEqualTo(Map.of(200, expected.get(i)));
    }
  }

  @Then("every stream was opened")
  public void everyStreamWasOpened() {
    assertThat(streamsOpened).isEqualTo(streamsTried);
  }
}
