#include "smp/server/client_address.hpp"

#include <arpa/inet.h>

#include <catch2/catch.hpp>
#include <cstring>

#include "smp/ip_range.hpp"

using smp::server::TrustedProxies;

TEST_CASE("IP addresses and CIDR ranges", "[server][trusted_proxy]") {
  const auto net = smp::parse_ip_range("10.0.0.0/8");
  REQUIRE(net);
  CHECK(net->contains(*smp::parse_ip_address("10.255.1.2")));
  CHECK(net->contains(*smp::parse_ip_address("::ffff:10.1.2.3")));  // dual-stack socket
  CHECK_FALSE(net->contains(*smp::parse_ip_address("11.0.0.1")));
  const auto v6 = smp::parse_ip_range("fd00::/8");
  REQUIRE(v6);
  CHECK(v6->contains(*smp::parse_ip_address("fd12:3456::1")));
  CHECK_FALSE(v6->contains(*smp::parse_ip_address("fe80::1")));
  CHECK(smp::parse_ip_range("192.0.2.1/32"));
  CHECK(smp::parse_ip_range("0.0.0.0/0")->contains(*smp::parse_ip_address("8.8.8.8")));
  for (const char* bad : {"", "proxy.internal", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0/8",
                          "10.0.0.1/-1", "1.2.3.4 "}) {
    INFO(bad);
    CHECK_FALSE(smp::parse_ip_range(bad));
  }
  CHECK(smp::format_ip_address(*smp::parse_ip_address("::ffff:192.0.2.7")) == "192.0.2.7");
  CHECK(smp::format_ip_address(*smp::parse_ip_address("[2001:DB8::1]")) == "2001:db8::1");
}

TEST_CASE("the visitor's address behind a trusted reverse proxy", "[server][trusted_proxy]") {
  const TrustedProxies none({});
  const TrustedProxies proxy({"127.0.0.1", "10.0.0.0/8"});

  SECTION("without trusted proxies the headers are ignored") {
    CHECK(none.client_address("127.0.0.1", "203.0.113.9", "for=203.0.113.9") == "127.0.0.1");
  }
  SECTION("from an untrusted peer the headers are ignored (forgeable)") {
    CHECK(proxy.client_address("198.51.100.4", "203.0.113.9", "") == "198.51.100.4");
  }
  SECTION("from a trusted peer: the right-most untrusted X-Forwarded-For address") {
    CHECK(proxy.client_address("127.0.0.1", "203.0.113.9", "") == "203.0.113.9");
    // The visitor forged the left-most entry; the proxies appended the real one.
    CHECK(proxy.client_address("127.0.0.1", "1.1.1.1, 203.0.113.9, 10.0.0.5", "") == "203.0.113.9");
    CHECK(proxy.client_address("::ffff:127.0.0.1", "203.0.113.9:4711", "") == "203.0.113.9");
    CHECK(proxy.client_address("127.0.0.1", "[2001:db8::7]:4711", "") == "2001:db8::7");
    // Every hop is ours: the left-most is the best we know.
    CHECK(proxy.client_address("127.0.0.1", "10.0.0.9, 10.0.0.5", "") == "10.0.0.9");
  }
  SECTION("Forwarded (RFC 7239) when there is no X-Forwarded-For") {
    CHECK(proxy.client_address("127.0.0.1", "",
                               "for=1.1.1.1, For=\"[2001:db8:cafe::17]:4711\";proto=https") ==
          "2001:db8:cafe::17");
    CHECK(proxy.client_address("127.0.0.1", "", "for=192.0.2.60;proto=http;by=10.0.0.1") ==
          "192.0.2.60");
    CHECK(proxy.client_address("127.0.0.1", "", "for=unknown") == "unknown");
  }
  SECTION("a trusted peer that forwarded nothing is the client") {
    CHECK(proxy.client_address("127.0.0.1", "", "") == "127.0.0.1");
    CHECK(proxy.client_address("127.0.0.1", " ", "") == "127.0.0.1");
  }
}

TEST_CASE("the core's address parser agrees with inet_pton", "[server][trusted_proxy]") {
  // The core parses by hand (the widget's wasm validates the config too, and musl's inet_pton
  // would cost ~4 KB gzip); the system's inet_pton is the reference.
  const char* inputs[] = {"0.0.0.0",
                          "255.255.255.255",
                          "192.0.2.1",
                          "256.1.1.1",
                          "1.2.3",
                          "1.2.3.4.5",
                          "01.2.3.4",
                          "1.2.3.04",
                          "1..2.3",
                          "1.2.3.4.",
                          " 1.2.3.4",
                          "1.2.3.-4",
                          "a.b.c.d",
                          "::",
                          "::1",
                          "1::",
                          "::ffff:192.0.2.7",
                          "64:ff9b::192.0.2.33",
                          "2001:db8::1",
                          "2001:DB8:0:0:8:800:200C:417A",
                          "2001:db8:0:0:0:0:2:1",
                          "1:2:3:4:5:6:7:8",
                          "1:2:3:4:5:6:7::",
                          "::2:3:4:5:6:7:8",
                          "1:2:3:4:5:6:7:8:9",
                          "1:2:3:4:5:6:7:8::",
                          "1::2::3",
                          ":::",
                          ":1::",
                          "1:",
                          ":1",
                          "12345::",
                          "fe80::1%eth0",
                          "::1.2.3.4",
                          "1:2:3:4:5:6:1.2.3.4",
                          "1:2:3:4:5:6:7:1.2.3.4",
                          "::ffff:1.2.3",
                          "g::1",
                          "",
                          "1.2.3.4/8",
                          "fd00::/8"};
  for (const char* input : inputs) {
    INFO(input);
    unsigned char reference[16] = {0};
    const bool v4 = inet_pton(AF_INET, input, reference) == 1;
    const bool v6 = !v4 && inet_pton(AF_INET6, input, reference) == 1;
    const auto parsed = smp::parse_ip_address(input);
    CHECK(parsed.has_value() == (v4 || v6));
    if (parsed && v4) CHECK(std::memcmp(parsed->bytes.data() + 12, reference, 4) == 0);
    if (parsed && v6) {
      CHECK(std::memcmp(parsed->bytes.data(), reference, 16) == 0);
      char text[INET6_ADDRSTRLEN] = {0};
      inet_ntop(AF_INET6, reference, text, sizeof text);
      // (glibc prints IPv4-compatible ::a.b.c.d dotted; the key only needs to be canonical.)
      if (!parsed->is_v4 && std::strchr(text, '.') == nullptr) {
        CHECK(smp::format_ip_address(*parsed) == text);
      }
    }
  }
}
