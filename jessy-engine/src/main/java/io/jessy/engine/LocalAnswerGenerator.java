package io.jessy.engine;

import java.util.List;

/**
 * The default generator: composes a short answer from the activated dimensions, the dominant
 * frequency and the final thought. Deterministic and free of I/O.
 */
public final class LocalAnswerGenerator implements AnswerGenerator {

  @Override
  public Answer generate(Reflection.Completed reflection) {
    Navigation navigation = reflection.navigation();
    Interference interference = reflection.interference();
    Iterations iterations = reflection.iterations();
    List<ActivatedDimension> dimensions = navigation.dimensions();

    StringBuilder text = new StringBuilder(320);
    if (navigation.fallback()) {
      text.append("Nothing in the question matched a dimension directly, so I turned to ")
          .append(dimensions.get(0).dimension().name())
          .append(" itself. ");
    } else {
      text.append("This touches ").append(dimensions.get(0).dimension().name()).append(" most");
      if (dimensions.size() > 1) {
        text.append(", and also ").append(names(dimensions.subList(1, dimensions.size())));
      }
      text.append(". ");
    }
    if (navigation.returnToSource()) {
      text.append("So much was in play that I returned to the source and kept the ")
          .append(dimensions.size())
          .append(" strongest threads. ");
    }
    text.append(dimensions.size() == 1 ? "It resonates at " : "Together they resonate at ")
        .append(Decimals.two(interference.dominantFrequency()))
        .append(" Hz");
    if (interference.balance().applied()) {
      text.append(", eased toward calm because ").append(interference.balance().reason());
    } else {
      text.append(", ").append(character(interference.dominantFrequency()));
    }
    text.append(". ").append(iterations.last().thought()).append(' ');
    if (iterations.converged()) {
      text.append("I feel settled in this view (confidence ")
          .append(Decimals.two(iterations.confidence()))
          .append(").");
    } else {
      text.append("This is where I arrived after ")
          .append(iterations.count())
          .append(" iterations, with confidence ")
          .append(Decimals.two(iterations.confidence()))
          .append("; ask me more to go deeper.");
    }
    return new Answer(text.toString(), Answer.Source.LOCAL);
  }

  private static String names(List<ActivatedDimension> dimensions) {
    List<String> names = dimensions.stream().map(d -> d.dimension().name()).toList();
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }

  private static String character(double frequency) {
    if (frequency < 1.0) {
      return "slow and contemplative";
    }
    if (frequency < 2.0) {
      return "steady and reflective";
    }
    return frequency < 3.0 ? "engaged and analytical" : "quick and intense";
  }
}
