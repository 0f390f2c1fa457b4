package io.jessy.api.proxy;

import io.jessy.api.config.GatewayConfig;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Who the client is, for rate limiting: the socket's peer, unless that peer is one of {@code
 * TRUSTED_PROXIES}; then the right-most {@code X-Forwarded-For} address that is not a trusted
 * proxy. Proxies append the address they received a request from, so entries to the right of the
 * first untrusted one were written by proxies we trust, and everything to its left by the client
 * (and may be anything it likes).
 */
// Created at start-up, so a bad setting stops the gateway before it takes traffic.
@Startup
@ApplicationScoped
public class ClientAddress {

  private final List<IpSubnetFilterRule> trusted;

  public ClientAddress(GatewayConfig config) {
    this.trusted = parse(config.trustedProxies().orElse(List.of()));
  }

  /**
   * @throws IllegalArgumentException naming TRUSTED_PROXIES and the bad entry
   */
  private static List<IpSubnetFilterRule> parse(List<String> entries) {
    List<IpSubnetFilterRule> rules = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      try {
        int slash = entry.indexOf('/');
        InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash));
        int bits = address == null ? 0 : address.getAddress().length * 8;
        int prefix = slash < 0 ? bits : Integer.parseInt(entry.substring(slash + 1));
        if (address == null || prefix < 0 || prefix > bits) {
          throw new IllegalArgumentException("not an address or range");
        }
        rules.add(new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "TRUSTED_PROXIES must list IP addresses or CIDR ranges, got \"" + entry + "\"");
      }
    }
    return List.copyOf(rules);
  }

  /**
   * The client's address as a string.
   *
   * @param peer the socket's remote address
   * @param forwardedFor every {@code X-Forwarded-For} header value of the request, in order
   */
  public String of(String peer, List<String> forwardedFor) {
    if (!isTrusted(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : forwardedFor) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.strip());
        }
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      if (!isTrusted(hops.get(i))) {
        return hops.get(i);
      }
    }
    // Only trusted proxies all the way: the left-most one is as close to the client as we know.
    return hops.isEmpty() ? peer : hops.get(0);
  }

  private boolean isTrusted(String address) {
    InetAddress literal = trusted.isEmpty() || address == null ? null : literal(address);
    if (literal == null) {
      return false;
    }
    InetSocketAddress socket = new InetSocketAddress(literal, 0);
    return trusted.stream().anyMatch(rule -> rule.matches(socket));
  }

  /** The address an IP literal names; null for anything else (never a DNS lookup). */
  private static InetAddress literal(String text) {
    return NetUtil.createInetAddressFromIpAddressString(text);
  }
}
