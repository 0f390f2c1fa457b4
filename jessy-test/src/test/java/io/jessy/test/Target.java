package io.jessy.test;

/** Where a request goes: straight to the core, or through the gateway in front of it. */
enum Target {
  CORE,
  GATEWAY
}
