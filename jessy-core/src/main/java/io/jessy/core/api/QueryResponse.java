package io.jessy.core.api;

import io.jessy.engine.ActivatedDimension;
import io.jessy.engine.Answer;
import io.jessy.engine.Interference;
import io.jessy.engine.Iteration;
import io.jessy.engine.Iterations;
import io.jessy.engine.Layer;
import io.jessy.engine.Navigation;
import io.jessy.engine.Reflection;
import java.util.List;

/**
 * The body of {@code POST /api/v1/query} (snake_case on the wire). Numbers are rounded so the same
 * query always serialises to the same bytes: confidences to 4 decimals, frequencies to 3.
 */
public record QueryResponse(
    String sessionId,
    String answer,
    String answerSource,
    String outcome,
    String safetyCategory,
    List<DimensionView> dimensions,
    Double dominantFrequency,
    InterferenceView interference,
    IterationsView iterations,
    boolean returnToSource,
    boolean fallback,
    double processingTimeMs) {

  public static final String ANSWERED = "answered";
  public static final String REDIRECTED = "redirected";

  public static QueryResponse of(
      String sessionId, Reflection reflection, Answer answer, double millis) {
    if (reflection instanceof Reflection.Completed done) {
      Navigation navigation = done.navigation();
      return new QueryResponse(
          sessionId,
          answer.text(),
          answer.source().label(),
          ANSWERED,
          null,
          DimensionView.of(navigation.dimensions()),
          hz(done.interference().dominantFrequency()),
          InterferenceView.of(done.interference()),
          IterationsView.of(done.iterations()),
          navigation.returnToSource(),
          navigation.fallback(),
          round(millis, 3));
    }
    Reflection.Redirected redirected = (Reflection.Redirected) reflection;
    return new QueryResponse(
        sessionId,
        answer.text(),
        answer.source().label(),
        REDIRECTED,
        redirected.category().label(),
        List.of(),
        null,
        null,
        IterationsView.NONE,
        false,
        false,
        round(millis, 3));
  }

  public record DimensionView(
      int id,
      String name,
      double confidence,
      int matches,
      double frequency,
      List<LayerView> layerPath) {

    static List<DimensionView> of(List<ActivatedDimension> dimensions) {
      return dimensions.stream()
          .map(
              d ->
                  new DimensionView(
                      d.dimension().id(),
                      d.dimension().name(),
                      roundConfidence(d.confidence()),
                      d.matches(),
                      hz(d.frequency()),
                      d.path().stream().map(LayerView::of).toList()))
          .toList();
    }
  }

  public record LayerView(int level, String name, double frequency) {
    static LayerView of(Layer layer) {
      return new LayerView(layer.level(), layer.name(), hz(layer.frequency()));
    }
  }

  public record InterferenceView(
      List<PairView> pairs,
      List<HarmonicView> harmonics,
      BalanceView balance,
      long unresolvedDissonances) {

    public static InterferenceView of(Interference interference) {
      return new InterferenceView(
          interference.pairs().stream()
              .map(
                  p ->
                      new PairView(
                          List.of(p.first(), p.second()),
                          hz(p.delta()),
                          p.kind().name().toLowerCase(java.util.Locale.ROOT),
                          p.harmonic()))
              .toList(),
          interference.harmonics().stream()
              .map(
                  h ->
                      new HarmonicView(
                          List.of(h.first(), h.second()), h.interval(), round(h.ratio(), 4)))
              .toList(),
          new BalanceView(
              interference.balance().applied(),
              hz(interference.balance().originalFrequency()),
              interference.balance().reason().isEmpty() ? null : interference.balance().reason()),
          interference.unresolvedDissonances());
    }
  }

  public record PairView(List<Integer> dimensions, double deltaHz, String kind, boolean harmonic) {}

  public record HarmonicView(List<Integer> dimensions, String interval, double ratio) {}

  public record BalanceView(boolean applied, double originalFrequency, String reason) {}

  public record IterationsView(
      int count, boolean converged, List<Double> confidence, List<StepView> steps) {

    static final IterationsView NONE = new IterationsView(0, false, List.of(), List.of());

    public static IterationsView of(Iterations iterations) {
      return new IterationsView(
          iterations.count(),
          iterations.converged(),
          iterations.steps().stream().map(i -> roundConfidence(i.confidence())).toList(),
          iterations.steps().stream().map(StepView::of).toList());
    }
  }

  public record StepView(int number, String phase, String thought, double confidence) {
    public static StepView of(Iteration iteration) {
      return new StepView(
          iteration.number(),
          iteration.phase().label(),
          iteration.thought(),
          roundConfidence(iteration.confidence()));
    }
  }

  static double hz(double frequency) {
    return round(frequency, 3);
  }

  static double roundConfidence(double confidence) {
    return round(confidence, 4);
  }

  static double round(double value, int places) {
    double scale = Math.pow(10, places);
    return Math.round(value * scale) / scale;
  }
}
