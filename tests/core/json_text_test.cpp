// Untrusted JSON text: syntax errors, nesting limits and bytes nlohmann would otherwise skip.
#include "smp/json_text.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "smp/config.hpp"

TEST_CASE("parse_json_text rejects what is not one JSON document", "[json_text]") {
  using namespace std::string_literals;
  SECTION("regression: a NUL byte does not end the input early") {
    for (const std::string& text : {"{}\0garbage"s, "{\"a\": 1}\0"s, "\0{}"s}) {
      const auto parsed = smp::parse_json_text(text);
      CHECK_FALSE(parsed.ok());
      REQUIRE(parsed.errors.size() == 1);
      CHECK(parsed.errors[0].code == "invalid_json");
      CHECK(parsed.errors[0].message.find("NUL") != std::string::npos);
    }
    CHECK_FALSE(smp::parse_config_text("{}\0garbage"s).ok());
  }
  SECTION("an escaped NUL inside a string is fine") {
    const auto parsed = smp::parse_json_text(R"({"a": "x\u0000y"})");
    REQUIRE(parsed.ok());
    CHECK(parsed.value->at("a").get<std::string>().size() == 3);
  }
  SECTION("trailing content after the document is an error") {
    CHECK_FALSE(smp::parse_json_text("{} {}").ok());
  }
  SECTION("nesting deeper than the limit is an error") {
    const std::string deep(std::size_t(smp::kMaxJsonDepth) + 1, '[');
    CHECK_FALSE(smp::parse_json_text(deep + std::string(deep.size(), ']')).ok());
  }
}
