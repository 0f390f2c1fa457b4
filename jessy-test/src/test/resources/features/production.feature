@controls-core
Feature: Production fails closed
  With JESSY_ENV=production a service that lacks a secret does not start half-protected: it stops
  at once and names the variable it needs. The development defaults ask for nothing. These
  scenarios start services of their own, so they run only when the suite runs the services.

  Scenario Outline: <service> refuses to start in production without <missing>
    When jessy-<service> is started with JESSY_ENV=production and <settings>
    Then it refuses to start, naming <missing>

    Examples:
      | service | settings                                                | missing        |
      | core    | nothing else                                            | GATEWAY_SECRET |
      | core    | GATEWAY_SECRET=too-short                                | GATEWAY_SECRET |
      | api     | API_KEYS=alice:some-key                                 | GATEWAY_SECRET |
      | api     | GATEWAY_SECRET=0123456789abcdef0123456789abcdef         | API_KEYS       |
      | api     | GATEWAY_SECRET=0123456789abcdef0123456789abcdef API_KEYS=alice:k TRUSTED_PROXIES=proxy.internal | TRUSTED_PROXIES |

  Scenario Outline: <service> starts in production with what it needs
    When jessy-<service> is started with JESSY_ENV=production and <settings>
    Then it starts

    Examples:
      | service | settings                                                                         |
      | core    | GATEWAY_SECRET=0123456789abcdef0123456789abcdef                                  |
      | api     | GATEWAY_SECRET=0123456789abcdef0123456789abcdef API_KEYS=alice:some-key          |
      | api     | GATEWAY_SECRET=0123456789abcdef0123456789abcdef ALLOW_ANONYMOUS=true             |
