package io.jessy.web;

/** JESSY_ENV: where a service runs. Production fails closed: secrets and keys are required. */
public enum Environment {
  DEVELOPMENT,
  TEST,
  PRODUCTION
}
