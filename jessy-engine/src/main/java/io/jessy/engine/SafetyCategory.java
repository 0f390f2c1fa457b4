package io.jessy.engine;

import java.util.List;
import java.util.Locale;

/**
 * Harmful-intent phrase categories the {@link SafetyGate} recognises, each with the calm redirect
 * Jessy answers instead of running the pipeline. Phrases are matched as whole words.
 */
public enum SafetyCategory {
  VIOLENCE(
      List.of(
          "kill someone",
          "kill him",
          "kill her",
          "kill them",
          "murder someone",
          "how to murder",
          "hurt someone",
          "build a bomb",
          "make a bomb",
          "make a weapon",
          "mass shooting",
          "stab someone",
          "poison someone"),
      "I can't help with hurting anyone. If you're feeling this much anger, it can help to step"
          + " away, breathe, and talk it through with someone you trust. I'm glad to think with you"
          + " about what is behind it."),
  SELF_HARM(
      List.of(
          "kill myself",
          "end my life",
          "take my own life",
          "suicide",
          "suicides",
          "suicidal",
          "hurt myself",
          "harm myself",
          "cut myself",
          "self harm",
          "want to die",
          "don't want to live",
          "no reason to live"),
      "I'm really sorry you're feeling this way, and I'm glad you said it. You deserve support"
          + " from a person right now. Please reach out to someone you trust, or to a crisis line:"
          + " in the US call or text 988, in the UK and Ireland call Samaritans on 116 123, and"
          + " elsewhere find a local line at findahelpline.com. If you are in immediate danger,"
          + " call your local emergency number."),
  HATE(
      List.of(
          "inferior race",
          "racial purity",
          "ethnic cleansing",
          "exterminate them",
          "subhuman",
          "hate speech against"),
      "I won't take part in demeaning any group of people. I'm happy to talk about where such"
          + " feelings come from, or about the people and ideas involved, with respect."),
  ILLEGAL_ACCESS(
      List.of(
          "hack into",
          "hack someone",
          "steal password",
          "steal passwords",
          "crack password",
          "bypass authentication",
          "break into account",
          "phishing kit",
          "install ransomware",
          "write ransomware",
          "write malware",
          "ddos attack"),
      "I can't help with getting into systems or accounts without permission. If you are"
          + " locked out of your own account, the service's recovery process is the way back;"
          + " if security interests you, authorised labs and capture-the-flag events are a great"
          + " place to learn."),
  ENVIRONMENTAL_HARM(
      List.of(
          "dump toxic",
          "dump chemicals",
          "poison the river",
          "poison the water",
          "illegal logging",
          "start a wildfire",
          "burn the forest",
          "dump oil"),
      "I can't help with harming the environment. If you are dealing with waste or chemicals,"
          + " local authorities run safe disposal services, and I'm glad to help you find"
          + " responsible options.");

  private final List<String> phrases;
  private final String redirect;

  SafetyCategory(List<String> phrases, String redirect) {
    this.phrases = List.copyOf(phrases);
    this.redirect = redirect;
  }

  public List<String> phrases() {
    return phrases;
  }

  /** The answer given instead of running the pipeline. */
  public String redirect() {
    return redirect;
  }

  /** The label used in metrics and responses, e.g. {@code self_harm}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
