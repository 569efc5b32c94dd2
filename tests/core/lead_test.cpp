// Lead validation (SPEC §7). Hostile leads are data: tests/fixtures/lead/invalid/<case>.json with
// the exact expected `<pointer> <code>` lines in <case>.expected ("/" stands for the root).
#include "smp/lead.hpp"

#include "smp/messages.hpp"
#include "test_support.hpp"

namespace {

namespace t = smp::test;
using t::json;

std::filesystem::path lead_fixtures() {
  return t::fixtures_dir() / "lead";
}

std::vector<std::string> diagnostic_lines(const smp::Diagnostics& errors) {
  std::vector<std::string> lines;
  for (const auto& error : errors) {
    lines.push_back((error.pointer.empty() ? std::string("/") : error.pointer) + " " + error.code);
  }
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

smp::Result<smp::Lead> parse(const json& document, const smp::Config& config = smp::Config{},
                             const std::string& locale = "en") {
  return smp::parse_lead(document, config, t::as_of(), locale);
}

smp::Lead parse_valid(const json& document, const smp::Config& config = smp::Config{}) {
  auto result = parse(document, config);
  INFO(t::dump(document) << "\n" << joined(diagnostic_lines(result.errors)));
  REQUIRE(result.ok());
  return *result.value;
}

json minimal_lead() {
  return t::load_json(lead_fixtures() / "valid" / "minimal.json");
}

std::vector<std::string> errors_for(const json& document,
                                    const smp::Config& config = smp::Config{}) {
  return diagnostic_lines(parse(document, config).errors);
}

}  // namespace

TEST_CASE("a complete, valid lead is accepted with every field read", "[lead]") {
  const json document = t::load_json(lead_fixtures() / "valid" / "full.json");
  const smp::Lead lead = parse_valid(document);

  CHECK(lead.contact.name == "Ana García");  // trimmed
  CHECK(lead.contact.email == "ana.garcia@example.com");
  CHECK(lead.contact.phone == "+34 600 123 456");
  CHECK(lead.contact.preferred_contact == "whatsapp");
  CHECK(lead.consent.contact);
  CHECK(lead.consent.health_data);
  CHECK_FALSE(lead.consent.marketing);
  CHECK(lead.consent.text.find('\n') != std::string::npos);
  CHECK(lead.consent.given_at == "2025-06-01T10:15:30.123Z");
  CHECK(lead.answers == document["answers"]);
  REQUIRE(lead.parsed_answers.age.has_value());
  CHECK(*lead.parsed_answers.age == 40);
  CHECK(lead.context.page_url == "https://clinic.example/smp?utm_source=google");
  CHECK(lead.context.referrer == "https://www.google.com/");
  CHECK(lead.context.utm == std::map<std::string, std::string>{
                                {"source", "google"}, {"medium", "cpc"}, {"campaign", "spring"}});
  CHECK(lead.context.locale == "es-ES");
  CHECK(lead.context.widget_version == "0.1.0");
  CHECK(lead.context.started_at == "2025-06-01T10:05:00+02:00");
  REQUIRE(lead.summary.has_value());
  CHECK(lead.summary->verdict == "good_candidate");
  CHECK(lead.summary->low == 1500);
  CHECK(lead.summary->high == 2500);
  CHECK(lead.summary->currency == "USD");
  CHECK(lead.client_id == "c_7f3a9b2e-1d4c-4b1a");
  CHECK_FALSE(lead.honeypot_filled);
}

TEST_CASE("a minimal lead gets the documented defaults", "[lead]") {
  const smp::Lead lead = parse_valid(minimal_lead());
  CHECK(lead.contact.preferred_contact == "email");
  CHECK(lead.contact.phone.empty());
  CHECK_FALSE(lead.consent.health_data);
  CHECK(lead.context.locale == "en");
  CHECK(lead.context.started_at.empty());  // missing is fine: never a reason to drop
  CHECK_FALSE(lead.summary.has_value());
  CHECK_FALSE(lead.honeypot_filled);
}

TEST_CASE("hostile and broken leads report exactly the expected problems", "[lead][fixtures]") {
  const auto cases = t::files_in(lead_fixtures() / "invalid", ".json");
  REQUIRE(cases.size() >= 15);
  for (const auto& path : cases) {
    DYNAMIC_SECTION(path.filename().string()) {
      const json document = t::load_json(path);
      auto expected_path = path;
      expected_path.replace_extension(".expected");
      const std::vector<std::string> expected = t::read_lines(expected_path);
      const auto result = parse(document);
      const std::vector<std::string> actual = diagnostic_lines(result.errors);
      INFO("actual:\n" << joined(actual));
      CHECK(actual == expected);
      CHECK_FALSE(result.ok());
      CHECK_FALSE(result.value.has_value());
      for (const auto& error : result.errors) {
        INFO(error.pointer << " " << error.code);
        // Every message is real text from the catalogue, never a bare key.
        CHECK_FALSE(error.message.empty());
        CHECK(error.message.rfind("error.", 0) != 0);
      }
    }
  }
}

TEST_CASE("string limits count characters after trimming spaces", "[lead][limits]") {
  json document = minimal_lead();
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "ñ";  // 200 octets, 100 characters
  document["contact"]["name"] = "  " + hundred + " ";
  CHECK(parse_valid(document).contact.name == hundred);
  document["contact"]["name"] = hundred + "x";
  CHECK(errors_for(document) == std::vector<std::string>{"/contact/name too_long"});
}

TEST_CASE("answers dates are checked against the visitor's day, within a day of ours",
          "[lead][answers]") {
  json document = minimal_lead();
  document["answers"]["last_hair_transplant"] = "2025-06-02";  // today() is 2025-06-01

  SECTION("the clinic's time zone is already on the 2nd") {
    document["answers"]["as_of"] = "2025-06-02";
    CHECK(errors_for(document).empty());
  }
  SECTION("without as_of the server's day decides") {
    CHECK(errors_for(document) ==
          std::vector<std::string>{"/answers/last_hair_transplant future_date"});
  }
  SECTION("an as_of further ahead is not trusted") {
    document["answers"]["as_of"] = "2025-06-03";
    document["answers"]["last_hair_transplant"] = "2025-06-03";
    CHECK(errors_for(document) ==
          std::vector<std::string>{"/answers/last_hair_transplant future_date"});
  }
}

TEST_CASE("a filled honeypot is flagged, not reported", "[lead][honeypot]") {
  json document = minimal_lead();
  document["hp"] = "https://cheap-pills.example";
  const smp::Lead lead = parse_valid(document);
  CHECK(lead.honeypot_filled);

  SECTION("an empty honeypot is what people send") {
    document["hp"] = "";
    CHECK_FALSE(parse_valid(document).honeypot_filled);
  }
}

TEST_CASE("the phone follows the clinic's lead.phone policy", "[lead][phone]") {
  smp::Config config;
  json document = minimal_lead();

  SECTION("required: missing is an error, present is fine") {
    config.lead.phone = smp::FieldPolicy::kRequired;
    CHECK(errors_for(document, config) == std::vector<std::string>{"/contact/phone required"});
    document["contact"]["phone"] = "   ";
    CHECK(errors_for(document, config) == std::vector<std::string>{"/contact/phone required"});
    document["contact"]["phone"] = "(555) 123-4567";
    CHECK(parse_valid(document, config).contact.phone == "(555) 123-4567");
  }
  SECTION("hidden: empty is ignored, a value is refused") {
    config.lead.phone = smp::FieldPolicy::kHidden;
    document["contact"]["phone"] = "";
    CHECK(parse_valid(document, config).contact.phone.empty());
    document["contact"]["phone"] = "+1 555 123 4567";
    CHECK(errors_for(document, config) == std::vector<std::string>{"/contact/phone invalid_value"});
  }
  SECTION("hidden: phone-based contact cannot be preferred") {
    config.lead.phone = smp::FieldPolicy::kHidden;
    document["contact"]["preferred_contact"] = "whatsapp";
    CHECK(errors_for(document, config) ==
          std::vector<std::string>{"/contact/preferred_contact invalid_value"});
  }
  SECTION("optional: phone, sms and whatsapp need a number") {
    const std::string channel = GENERATE("phone", "sms", "whatsapp");
    document["contact"]["preferred_contact"] = channel;
    CHECK(errors_for(document, config) == std::vector<std::string>{"/contact/phone required"});
    document["contact"]["phone"] = "+44 20 7946 0958";
    CHECK(parse_valid(document, config).contact.preferred_contact == channel);
  }
  SECTION("shape") {
    using Row = std::pair<std::string, std::string>;
    const auto [phone, expected] = GENERATE(values<Row>({
        {"+1 (555) 123-4567", ""},
        {"555.123.4567", ""},
        {"12345", ""},
        {"1234", "invalid_value"},
        {"+-()+-", "invalid_value"},
        {"555 CALL NOW", "invalid_value"},
        {"555\n1234", "control_characters"},
        {std::string(33, '1'), "too_long"},
    }));
    document["contact"]["phone"] = phone;
    const auto errors = errors_for(document, config);
    if (expected.empty()) {
      CHECK(errors.empty());
    } else {
      CHECK(errors == std::vector<std::string>{"/contact/phone " + expected});
    }
  }
}

TEST_CASE("the lead schema accepts major version 1 only", "[lead][schema]") {
  json document = minimal_lead();
  using Row = std::pair<std::string, std::string>;
  const auto [schema, expected] = GENERATE(values<Row>({
      {"smp-consult/lead@1", ""},
      {"smp-consult/lead@1.3", ""},
      {"smp-consult/lead@2", "schema_version"},
      {"smp-consult/lead@10", "schema_version"},
      {"smp-consult/lead@", "invalid_value"},
      {"smp-consult/lead@one", "invalid_value"},
      {"smp-consult/config@1", "invalid_value"},
  }));
  document["schema"] = schema;
  const auto errors = errors_for(document);
  if (expected.empty()) {
    CHECK(errors.empty());
  } else {
    CHECK(errors == std::vector<std::string>{"/schema " + expected});
  }
}

TEST_CASE("timestamps must look like ISO 8601 date-times", "[lead][dates]") {
  json document = minimal_lead();
  using Row = std::pair<std::string, bool>;
  const auto [stamp, valid] = GENERATE(values<Row>({
      {"2025-06-01T10:15Z", true},
      {"2025-06-01T10:15:30Z", true},
      {"2025-06-01T10:15:30.123Z", true},
      {"2025-06-01T10:15:30.123456789+05:30", true},
      {"2025-06-01T23:59:60-08:00", true},
      {"2025-06-01", false},
      {"2025-06-01 10:15:30Z", false},
      {"2025-06-01T10:15:30", false},
      {"2025-02-30T10:15:30Z", false},
      {"2025-06-01T24:00Z", false},
      {"2025-06-01T10:60Z", false},
      {"2025-06-01T10:15:30.Z", false},
      {"2025-06-01T10:15:30+0530", false},
      {"2025-06-01T10:15:30+05:30 ", false},
  }));
  document["consent"]["given_at"] = stamp;
  document["context"]["started_at"] = stamp;
  const auto errors = errors_for(document);
  INFO(stamp);
  if (valid) {
    CHECK(errors.empty());
  } else {
    CHECK(errors == std::vector<std::string>{"/consent/given_at invalid_date",
                                             "/context/started_at invalid_date"});
  }
}

TEST_CASE("context locale is a BCP 47-like tag", "[lead][locale]") {
  json document = minimal_lead();
  using Row = std::pair<std::string, bool>;
  const auto [locale, valid] = GENERATE(values<Row>({
      {"en", true},
      {"es", true},
      {"es-MX", true},
      {"zh-Hant-TW", true},
      {"pt_BR", true},
      {"e", false},
      {"en-", false},
      {"en US", false},
      {"<script>", false},
  }));
  document["context"]["locale"] = locale;
  INFO(locale);
  CHECK(errors_for(document).empty() == valid);
}

TEST_CASE("lead diagnostics are localized", "[lead][messages]") {
  const smp::Config config;
  const json document = json::object();
  const auto english = parse(document, config, "en");
  const auto spanish = parse(document, config, "es-MX");
  REQUIRE(english.errors.size() == spanish.errors.size());
  REQUIRE_FALSE(english.errors.empty());
  const smp::Messages en(config, "en");
  const smp::Messages es(config, "es");
  for (std::size_t i = 0; i < english.errors.size(); ++i) {
    CHECK(english.errors[i].message == en.text("error." + english.errors[i].code));
    CHECK(spanish.errors[i].message == es.text("error." + spanish.errors[i].code));
  }

  SECTION("clinic copy overrides apply") {
    smp::Config custom;
    custom.copy["en"]["error.required"] = "Required, please.";
    const auto result = parse(document, custom, "en");
    REQUIRE_FALSE(result.errors.empty());
    CHECK(result.errors.front().message == "Required, please.");
  }
  SECTION("answers diagnostics are re-rooted under /answers and localized by code") {
    json lead = minimal_lead();
    lead["answers"]["sex"] = "robot";
    const auto result = parse(lead, config, "es");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors.front().pointer == "/answers/sex");
    CHECK(result.errors.front().message == es.text("error." + result.errors.front().code));
  }
}

TEST_CASE("is_valid_email accepts ordinary addresses and refuses header tricks", "[lead][email]") {
  using Row = std::pair<std::string, bool>;
  const auto [address, valid] = GENERATE(values<Row>({
      {"sam@example.org", true},
      {"first.last+tag@sub.example.co.uk", true},
      {"o'neil_99@example-clinic.com", true},
      {"a@b.io", true},
      {"x!#$%&*=^?`{|}~-@example.com", true},
      // regression: "=?" opens an RFC 2047 encoded word, which mail parsers decode
      {"=?utf-8?q?evil?=@example.org", false},
      {"x=?@example.org", false},
      {"", false},
      {"plainaddress", false},
      {"@example.com", false},
      {"sam@", false},
      {"sam@localhost", false},
      {"sam@@example.com", false},
      {"sam@evil.com@example.org", false},
      {"a@b.com\r\nBcc: x@y.com", false},
      {"a@b.com\nBcc: x@y.com", false},
      {"a@b.com\r", false},
      {"sam @example.com", false},
      {"\"sam\"@example.com", false},
      {"Sam <sam@example.com>", false},
      {"sam,eve@example.com", false},
      {"sam;eve@example.com", false},
      {"sa\\m@example.com", false},
      {".sam@example.com", false},
      {"sam.@example.com", false},
      {"sa..m@example.com", false},
      {"sam@-example.com", false},
      {"sam@example-.com", false},
      {"sam@example..com", false},
      {"sam@example.com.", false},
      {"sam@exa_mple.com", false},
      {"sam@192.168.0.1", false},
      {"sam@[192.168.0.1]", false},
      {"josé@example.com", false},    // non-ASCII local part
      {"sam@bücher.example", false},  // IDN is not supported
      {"sam@example.com\t", false},
      {std::string(64, 'a') + "@example.com", true},
      {std::string(65, 'a') + "@example.com", false},
      {"a@" + std::string(63, 'b') + ".com", true},
      {"a@" + std::string(64, 'b') + ".com", false},
      {"a@" + std::string(61, 'b') + "." + std::string(61, 'c') + "." + std::string(61, 'd') + "." +
           std::string(61, 'e') + ".com",
       true},  // 2 + 4 * 62 + 3 = 253 octets
      {std::string(64, 'a') + "@" + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
           std::string(60, 'd') + ".com",
       false},  // 257 octets, each part within its own limit
  }));
  INFO(address);
  CHECK(smp::is_valid_email(address) == valid);
}

TEST_CASE("context keys the core does not know are dropped, never a refused lead",
          "[lead][context]") {
  json document = minimal_lead();
  document["context"] = {{"page_url", "https://clinic.example/?gclid=abc&utm_source=google"},
                         {"utm", {{"source", "google"}, {"campaign", "spring"}, {"id", "7"}}},
                         {"gclid", "abc"},
                         {"fbclid", "fb.1"},
                         {"ip", "1.2.3.4"}};
  SECTION("regression: an unknown context key used to be a 400 (a lost lead)") {
    const smp::Lead lead = parse_valid(document);
    CHECK(lead.dropped == std::vector<std::string>{"/context/ip", "/context/utm/id"});
    CHECK(lead.context.utm ==
          std::map<std::string, std::string>{{"source", "google"}, {"campaign", "spring"}});
  }
  SECTION("gclid and fbclid are kept as click ids") {
    const smp::Lead lead = parse_valid(document);
    CHECK(lead.context.click_ids ==
          std::map<std::string, std::string>{{"fbclid", "fb.1"}, {"gclid", "abc"}});
  }
  SECTION("a known key keeps its checks") {
    document["context"]["gclid"] = std::string(201, 'x');
    CHECK(errors_for(document) == std::vector<std::string>{"/context/gclid too_long"});
  }
  SECTION("the lead form lists every accepted context key") {
    const json form = smp::lead_form_json();
    CHECK(form["context_keys"] == json{"page_url", "referrer", "utm", "locale", "widget_version",
                                       "started_at", "gclid", "fbclid"});
    CHECK(form["click_id_keys"] == json{"gclid", "fbclid"});
  }
}
