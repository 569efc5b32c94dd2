// Lead validation (SPEC §7): the whole document is checked and every problem reported, with
// messages in the visitor's language. Input is hostile until proven otherwise: nothing with a
// control character gets through, because names and emails end up in mail headers.
#include "smp/lead.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "smp/consultation.hpp"
#include "smp/messages.hpp"

namespace smp {
namespace {

using nlohmann::json;

constexpr std::string_view kSchemaPrefix = "smp-consult/lead@";
constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxEmail = 254;
constexpr std::size_t kMinPhone = 5;
constexpr std::size_t kMaxPhone = 32;
constexpr std::size_t kMaxShortEnum = 40;
constexpr std::size_t kMaxConsentText = 2000;
constexpr std::size_t kMaxTimestamp = 40;
constexpr std::size_t kMaxUrl = 2000;
constexpr std::size_t kMaxUtm = 200;
constexpr std::size_t kMaxLocale = 35;
constexpr std::size_t kMaxWidgetVersion = 40;
constexpr std::size_t kMaxPackageId = 40;
constexpr std::size_t kMaxPackages = 20;
constexpr std::size_t kMinClientId = 8;
constexpr std::size_t kMaxClientId = 100;
constexpr std::size_t kMaxHoneypot = 200;

constexpr std::array<std::string_view, 4> kPreferredContacts{"email", "phone", "sms", "whatsapp"};
constexpr std::array<std::string_view, 4> kVerdicts{"good_candidate", "medical_clearance", "defer",
                                                    "not_suitable"};
constexpr std::array<std::string_view, 5> kUtmKeys{"source", "medium", "campaign", "term",
                                                   "content"};
// Ad click ids a page URL carries (Google Ads, Meta), kept like the UTM parameters.
constexpr std::array<std::string_view, 2> kClickIdKeys{"gclid", "fbclid"};
constexpr std::array<std::string_view, 8> kContextKeys{
    "page_url", "referrer", "utm", "locale", "widget_version", "started_at", "gclid", "fbclid"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& options, std::string_view value) {
  return std::find(options.begin(), options.end(), value) != options.end();
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_alnum(char c) {
  return is_alpha(c) || is_digit(c);
}

// C0 controls and DEL, plus C1 controls and the Unicode line/paragraph separators, which some
// mail and log tooling also treats as line breaks.
bool has_control_characters(std::string_view text, bool allow_newline) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n' && allow_newline) continue;
    if (c < 0x20 || c == 0x7F) return true;
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (c == 0xC2 && next >= 0x80 && next <= 0x9F) return true;
    if (c == 0xE2 && next == 0x80 && i + 2 < text.size()) {
      const auto third = static_cast<unsigned char>(text[i + 2]);
      if (third == 0xA8 || third == 0xA9) return true;
    }
  }
  return false;
}

// Limits are in characters as the visitor sees them, not bytes.
std::size_t char_count(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string trim_spaces(std::string_view text) {
  const std::size_t first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return "";
  const std::size_t last = text.find_last_not_of(' ');
  return std::string(text.substr(first, last - first + 1));
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM), as browsers' toISOString() and RFC 3339 write it.
bool is_iso_datetime(std::string_view text) {
  if (text.size() < 17 || !parse_date(text.substr(0, 10))) return false;
  if (text[10] != 'T' && text[10] != 't') return false;
  auto two_digits_at_most = [&](std::size_t at, int max) {
    return at + 2 <= text.size() && all_digits(text.substr(at, 2)) &&
           to_int(text.substr(at, 2)) <= max;
  };
  if (!two_digits_at_most(11, 23) || text[13] != ':' || !two_digits_at_most(14, 59)) return false;
  std::size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    if (!two_digits_at_most(at + 1, 60)) return false;  // 60: a leap second
    at += 3;
    if (at < text.size() && text[at] == '.') {
      const std::size_t digits_from = ++at;
      while (at < text.size() && is_digit(text[at])) ++at;
      if (at == digits_from || at - digits_from > 9) return false;
    }
  }
  const std::string_view zone = text.substr(std::min(at, text.size()));
  if (zone == "Z" || zone == "z") return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
         all_digits(zone.substr(1, 2)) && to_int(zone.substr(1, 2)) <= 23 &&
         all_digits(zone.substr(4, 2)) && to_int(zone.substr(4, 2)) <= 59;
}

// "en", "es", "es-MX", "zh-Hant-TW", "pt_BR": BCP 47's shape without its registry.
bool is_locale_tag(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size() && is_alpha(text[at])) ++at;
  if (at < 2 || at > 8) return false;
  while (at < text.size()) {
    if (text[at] != '-' && text[at] != '_') return false;
    const std::size_t from = ++at;
    while (at < text.size() && is_alnum(text[at])) ++at;
    if (at == from || at - from > 8) return false;
  }
  return true;
}

bool is_phone_number(std::string_view text) {
  std::size_t digits = 0;
  for (char c : text) {
    if (is_digit(c)) {
      ++digits;
    } else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')' && c != '.') {
      return false;
    }
  }
  return digits >= kMinPhone;
}

bool is_client_id(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return is_alnum(c) || c == '_' || c == '-'; });
}

// RFC 5322 atext: what an unquoted local part may hold. Quoted local parts are refused, which
// also keeps quotes, spaces and backslashes out of headers.
bool is_atext(char c) {
  if (is_alnum(c)) return true;
  constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~";
  return kSpecials.find(c) != std::string_view::npos;
}

bool is_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t labels = 0;
  std::size_t from = 0;
  std::string_view last_label;
  while (from <= domain.size()) {
    const std::size_t dot = std::min(domain.find('.', from), domain.size());
    const std::string_view label = domain.substr(from, dot - from);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    if (!std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; })) {
      return false;
    }
    ++labels;
    last_label = label;
    from = dot + 1;
  }
  // An all-numeric last label means an IP address, which no visitor's mailbox uses.
  return labels >= 2 && !all_digits(last_label);
}

struct StringField {
  bool present = false;  // given, not null
  bool valid = false;    // a string within its limits
  std::string value;
};

class LeadReader {
 public:
  LeadReader(const Config& config, Date today, const Messages& messages)
      : config_(config), today_(today), messages_(messages) {}

  Result<Lead> read(const json& document) {
    Result<Lead> result;
    if (!document.is_object()) {
      report("", "wrong_type");
      result.errors = std::move(errors_);
      return result;
    }
    Lead lead;
    read_schema(document);
    report_unknown_keys(
        document, "",
        {"schema", "contact", "consent", "answers", "context", "summary", "client_id", "hp"});
    read_contact(document, lead.contact);
    read_consent(document, lead.consent);
    read_answers(document, lead);
    read_context(document, lead.context, lead.dropped);
    read_summary(document, lead.summary);
    read_client_id(document, lead.client_id);
    read_honeypot(document, lead.honeypot_filled);
    if (errors_.empty()) result.value = std::move(lead);
    result.errors = std::move(errors_);
    return result;
  }

 private:
  void report(const std::string& pointer, const std::string& code,
              const MessageParams& params = {}) {
    errors_.push_back(Diagnostic{pointer, code, messages_.text("error." + code, params)});
  }

  static std::string child(const std::string& pointer, std::string_view key) {
    return pointer + "/" + escape_pointer_token(std::string(key));
  }

  void report_unknown_keys(const json& object, const std::string& pointer,
                           std::initializer_list<std::string_view> allowed) {
    for (const auto& item : object.items()) {
      if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
        report(child(pointer, item.key()), "unknown_key");
      }
    }
  }

  // The member as an object: nullptr when absent or null; reports wrong types and, when
  // `required`, absence.
  const json* object_member(const json& parent, const std::string& pointer, std::string_view key,
                            bool required) {
    const auto it = parent.find(key);
    if (it == parent.end() || it->is_null()) {
      if (required) report(child(pointer, key), "required");
      return nullptr;
    }
    if (!it->is_object()) {
      report(child(pointer, key), "wrong_type");
      return nullptr;
    }
    return &*it;
  }

  // Every string, whatever its field, is capped and kept free of control characters.
  // `trim`: surrounding spaces are dropped before the length limit (people paste them).
  StringField string_member(const json& parent, const std::string& pointer, std::string_view key,
                            std::size_t max_chars, bool allow_newline = false, bool trim = false) {
    StringField field;
    const auto it = parent.find(key);
    if (it == parent.end() || it->is_null()) return field;
    field.present = true;
    const std::string at = child(pointer, key);
    if (!it->is_string()) {
      report(at, "wrong_type");
      return field;
    }
    const std::string& raw = it->get_ref<const std::string&>();
    if (has_control_characters(raw, allow_newline)) {
      report(at, "control_characters");
      return field;
    }
    const std::string text = trim ? trim_spaces(raw) : raw;
    if (char_count(text) > max_chars) {
      report(at, "too_long", {{"max", std::to_string(max_chars)}});
      return field;
    }
    field.valid = true;
    field.value = text;
    return field;
  }

  void bool_member(const json& parent, const std::string& pointer, std::string_view key,
                   bool& out) {
    const auto it = parent.find(key);
    if (it == parent.end() || it->is_null()) return;
    if (!it->is_boolean()) {
      report(child(pointer, key), "wrong_type");
      return;
    }
    out = it->get<bool>();
  }

  void timestamp_member(const json& parent, const std::string& pointer, std::string_view key,
                        std::string& out) {
    const StringField field = string_member(parent, pointer, key, kMaxTimestamp);
    if (!field.valid) return;
    if (!is_iso_datetime(field.value)) {
      report(child(pointer, key), "invalid_date");
      return;
    }
    out = field.value;
  }

  void read_schema(const json& document) {
    const StringField schema = string_member(document, "", "schema", kMaxShortEnum);
    if (!schema.valid) return;
    const std::string_view text = schema.value;
    if (text.substr(0, kSchemaPrefix.size()) != kSchemaPrefix) {
      report("/schema", "invalid_value");
      return;
    }
    // "@1", "@1.2": major 1 is ours; any other major is a document we must not half-understand.
    const std::string_view version = text.substr(kSchemaPrefix.size());
    const std::string_view major = version.substr(0, version.find('.'));
    const std::string_view minor =
        major.size() < version.size() ? version.substr(major.size() + 1) : std::string_view("0");
    if (!all_digits(major) || !all_digits(minor)) {
      report("/schema", "invalid_value");
    } else if (major != "1") {
      report("/schema", "schema_version");
    }
  }

  void read_contact(const json& document, LeadContact& contact) {
    const json* object = object_member(document, "", "contact", true);
    if (object == nullptr) return;
    const std::string pointer = "/contact";
    report_unknown_keys(*object, pointer, {"name", "email", "phone", "preferred_contact"});

    const StringField name = string_member(*object, pointer, "name", kMaxName, false, true);
    if (name.valid) contact.name = name.value;
    if (!name.present || (name.valid && contact.name.empty())) report("/contact/name", "required");
    // "=?" opens an RFC 2047 encoded word, which mail clients decode (even inside quotes) into
    // anything, line breaks included. No one's name holds it; refuse it before any header does.
    if (name.valid && contact.name.find("=?") != std::string::npos) {
      report("/contact/name", "encoded_word");
    }

    const StringField email = string_member(*object, pointer, "email", kMaxEmail, false, true);
    if (email.valid) {
      contact.email = email.value;
      if (contact.email.empty()) {
        report("/contact/email", "required");
      } else if (!is_valid_email(contact.email)) {
        report("/contact/email", "invalid_email");
      }
    } else if (!email.present) {
      report("/contact/email", "required");
    }

    const FieldPolicy policy = config_.lead.phone;
    const StringField phone = string_member(*object, pointer, "phone", kMaxPhone, false, true);
    bool phone_ok = !phone.present || phone.valid;
    if (phone.valid) {
      contact.phone = phone.value;
      if (policy == FieldPolicy::kHidden) {
        // The form never shows the field, so a value means the document wasn't made by it.
        if (!contact.phone.empty()) report("/contact/phone", "invalid_value");
        contact.phone.clear();
        phone_ok = false;
      } else if (!contact.phone.empty() && !is_phone_number(contact.phone)) {
        report("/contact/phone", "invalid_value");
        phone_ok = false;
      }
    }
    bool phone_required_reported = false;
    if (policy == FieldPolicy::kRequired && phone_ok && contact.phone.empty()) {
      report("/contact/phone", "required");
      phone_required_reported = true;
    }

    const StringField preferred =
        string_member(*object, pointer, "preferred_contact", kMaxShortEnum);
    if (!preferred.valid) return;
    if (!one_of(kPreferredContacts, preferred.value)) {
      report("/contact/preferred_contact", "invalid_value");
      return;
    }
    contact.preferred_contact = preferred.value;
    if (preferred.value == "email") return;
    if (policy == FieldPolicy::kHidden) {
      report("/contact/preferred_contact", "invalid_value");
    } else if (phone_ok && contact.phone.empty() && !phone_required_reported) {
      report("/contact/phone", "required");
    }
  }

  void read_consent(const json& document, LeadConsent& consent) {
    const json* object = object_member(document, "", "consent", true);
    if (object == nullptr) return;
    const std::string pointer = "/consent";
    report_unknown_keys(*object, pointer,
                        {"contact", "health_data", "marketing", "photos", "text", "given_at"});

    const auto contact = object->find("contact");
    if (contact != object->end() && !contact->is_null() && !contact->is_boolean()) {
      report("/consent/contact", "wrong_type");
    } else if (contact == object->end() || contact->is_null() || !contact->get<bool>()) {
      report("/consent/contact", "consent_required");
    } else {
      consent.contact = true;
    }
    bool_member(*object, pointer, "health_data", consent.health_data);
    bool_member(*object, pointer, "marketing", consent.marketing);
    bool_member(*object, pointer, "photos", consent.photos);
    // The consent wording is the clinic's own paragraph text, so line breaks are fine there.
    const StringField text = string_member(*object, pointer, "text", kMaxConsentText, true);
    if (text.valid) consent.text = text.value;
    timestamp_member(*object, pointer, "given_at", consent.given_at);
  }

  void read_answers(const json& document, Lead& lead) {
    const json* object = object_member(document, "", "answers", true);
    if (object == nullptr) return;
    const auto medical = object->find("medical");
    if (medical != object->end() && !medical->is_null() && !lead.consent.health_data) {
      report("/answers/medical", "health_consent_missing");
    }
    Result<Answers> parsed =
        parse_answers(*object, validation_date(*object), Completeness::kComplete);
    for (const Diagnostic& diagnostic : parsed.errors) {
      const std::string key = "error." + diagnostic.code;
      errors_.push_back(Diagnostic{"/answers" + diagnostic.pointer, diagnostic.code,
                                   messages_.has(key) ? messages_.text(key) : diagnostic.message});
    }
    // A minor's health answers are never asked to be shared, whatever the consent says.
    if (parsed.ok() && medical != object->end() && !medical->is_null() &&
        !may_share_health_data(*parsed.value, config_, validation_date(*object))) {
      report("/answers/medical", "health_data_minor",
             {{"min_age", std::to_string(config_.screening.min_age)}});
    }
    lead.answers = *object;
    if (parsed.ok()) lead.parsed_answers = std::move(*parsed.value);
  }

  // The widget dates answers in the clinic's time zone, which can be a day ahead of the
  // server's; a date the visitor entered as "today" must not be rejected as in the future.
  Date validation_date(const json& answers) const {
    const auto as_of = answers.find("as_of");
    if (as_of == answers.end() || !as_of->is_string()) return today_;
    const std::optional<Date> visitor_today = parse_date(as_of->get_ref<const std::string&>());
    if (visitor_today && days_between(today_, *visitor_today) == 1) return *visitor_today;
    return today_;
  }

  void read_context(const json& document, LeadContext& context, std::vector<std::string>& dropped) {
    const json* object = object_member(document, "", "context", false);
    if (object == nullptr) return;
    const std::string pointer = "/context";
    // Context is attribution, never a reason to lose a lead: an unknown key is dropped (and
    // listed, for the relay's log), not refused.
    for (const auto& item : object->items()) {
      if (!one_of(kContextKeys, item.key())) dropped.push_back(child(pointer, item.key()));
    }
    for (std::string_view key : kClickIdKeys) {
      const StringField value = string_member(*object, pointer, key, kMaxUtm);
      if (value.valid && !value.value.empty()) context.click_ids[std::string(key)] = value.value;
    }

    const StringField page_url = string_member(*object, pointer, "page_url", kMaxUrl);
    if (page_url.valid) context.page_url = page_url.value;
    const StringField referrer = string_member(*object, pointer, "referrer", kMaxUrl);
    if (referrer.valid) context.referrer = referrer.value;

    if (const json* utm = object_member(*object, pointer, "utm", false)) {
      const std::string utm_pointer = "/context/utm";
      for (const auto& item : utm->items()) {
        if (!one_of(kUtmKeys, item.key())) dropped.push_back(child(utm_pointer, item.key()));
      }
      for (std::string_view key : kUtmKeys) {
        const StringField value = string_member(*utm, utm_pointer, key, kMaxUtm);
        if (value.valid) context.utm[std::string(key)] = value.value;
      }
    }

    const StringField locale = string_member(*object, pointer, "locale", kMaxLocale);
    if (locale.valid) {
      if (is_locale_tag(locale.value)) {
        context.locale = locale.value;
      } else {
        report("/context/locale", "invalid_value");
      }
    }
    const StringField version =
        string_member(*object, pointer, "widget_version", kMaxWidgetVersion);
    if (version.valid) context.widget_version = version.value;
    timestamp_member(*object, pointer, "started_at", context.started_at);
  }

  std::optional<long long> amount_member(const json& parent, const std::string& pointer,
                                         std::string_view key) {
    const auto it = parent.find(key);
    if (it == parent.end() || it->is_null()) return std::nullopt;
    const std::string at = child(pointer, key);
    if (!it->is_number_integer()) {
      report(at, "wrong_type");
      return std::nullopt;
    }
    if (it->is_number_unsigned()) {
      const auto value = it->get<std::uint64_t>();
      if (value > static_cast<std::uint64_t>(LLONG_MAX)) {
        report(at, "out_of_range");
        return std::nullopt;
      }
      return static_cast<long long>(value);
    }
    const auto value = it->get<std::int64_t>();
    if (value < 0) {
      report(at, "out_of_range");
      return std::nullopt;
    }
    return static_cast<long long>(value);
  }

  void read_summary(const json& document, std::optional<LeadSummary>& out) {
    const json* object = object_member(document, "", "summary", false);
    if (object == nullptr) return;
    const std::string pointer = "/summary";
    report_unknown_keys(*object, pointer, {"verdict", "low", "high", "currency", "packages"});
    LeadSummary summary;

    const StringField verdict = string_member(*object, pointer, "verdict", kMaxShortEnum);
    if (verdict.valid) {
      if (one_of(kVerdicts, verdict.value)) {
        summary.verdict = verdict.value;
      } else {
        report("/summary/verdict", "invalid_value");
      }
    }
    summary.low = amount_member(*object, pointer, "low");
    summary.high = amount_member(*object, pointer, "high");

    const StringField currency = string_member(*object, pointer, "currency", kMaxShortEnum);
    if (currency.valid) {
      const bool iso_code =
          currency.value.size() == 3 && std::all_of(currency.value.begin(), currency.value.end(),
                                                    [](char c) { return c >= 'A' && c <= 'Z'; });
      if (iso_code) {
        summary.currency = currency.value;
      } else {
        report("/summary/currency", "invalid_value");
      }
    }

    const auto packages = object->find("packages");
    if (packages != object->end() && !packages->is_null()) {
      const std::string packages_pointer = "/summary/packages";
      if (!packages->is_array()) {
        report(packages_pointer, "wrong_type");
      } else if (packages->size() > kMaxPackages) {
        report(packages_pointer, "too_long", {{"max", std::to_string(kMaxPackages)}});
      } else {
        for (std::size_t i = 0; i < packages->size(); ++i) {
          const json& item = (*packages)[i];
          const std::string at = packages_pointer + "/" + std::to_string(i);
          if (!item.is_string()) {
            report(at, "wrong_type");
          } else if (has_control_characters(item.get_ref<const std::string&>(), false)) {
            report(at, "control_characters");
          } else if (char_count(item.get_ref<const std::string&>()) > kMaxPackageId) {
            report(at, "too_long", {{"max", std::to_string(kMaxPackageId)}});
          }
        }
      }
    }
    out = std::move(summary);
  }

  void read_client_id(const json& document, std::string& client_id) {
    const StringField field = string_member(document, "", "client_id", kMaxClientId);
    if (!field.present) {
      report("/client_id", "required");
      return;
    }
    if (!field.valid) return;
    if (field.value.size() < kMinClientId || !is_client_id(field.value)) {
      report("/client_id", "invalid_value");
      return;
    }
    client_id = field.value;
  }

  void read_honeypot(const json& document, bool& filled) {
    const auto it = document.find("hp");
    if (it == document.end() || it->is_null()) return;
    if (!it->is_string()) {
      report("/hp", "wrong_type");
      return;
    }
    // Bots fill every field; the content itself is irrelevant, so only its size is capped.
    const std::string& text = it->get_ref<const std::string&>();
    if (char_count(text) > kMaxHoneypot) {
      report("/hp", "too_long", {{"max", std::to_string(kMaxHoneypot)}});
      return;
    }
    filled = !text.empty();
  }

  const Config& config_;
  Date today_;
  const Messages& messages_;
  Diagnostics errors_;
};

}  // namespace

nlohmann::json lead_form_json() {
  nlohmann::json out{{"max_length",
                      {{"name", kMaxName},
                       {"email", kMaxEmail},
                       {"phone", kMaxPhone},
                       {"utm", kMaxUtm},
                       {"url", kMaxUrl}}},
                     {"contact_methods", nlohmann::json::array()},
                     {"utm_keys", nlohmann::json::array()},
                     {"click_id_keys", nlohmann::json::array()},
                     {"context_keys", nlohmann::json::array()}};
  for (std::string_view method : kPreferredContacts)
    out["contact_methods"].push_back(std::string(method));
  for (std::string_view key : kUtmKeys) out["utm_keys"].push_back(std::string(key));
  for (std::string_view key : kClickIdKeys) out["click_id_keys"].push_back(std::string(key));
  for (std::string_view key : kContextKeys) out["context_keys"].push_back(std::string(key));
  return out;
}

Result<Lead> parse_lead(const nlohmann::json& document, const Config& config, Date today,
                        const std::string& locale) {
  const Messages messages(config, resolve_locale(config, locale));
  return LeadReader(config, today, messages).read(document);
}

bool is_valid_email(const std::string& address) {
  if (address.empty() || address.size() > 254) return false;
  const std::size_t at = address.find('@');
  if (at == std::string::npos || address.find('@', at + 1) != std::string::npos) return false;
  const std::string_view local = std::string_view(address).substr(0, at);
  const std::string_view domain = std::string_view(address).substr(at + 1);
  if (local.empty() || local.size() > 64) return false;
  // Dot-atom: dots only between atext runs.
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return false;
  }
  if (!std::all_of(local.begin(), local.end(), [](char c) { return c == '.' || is_atext(c); })) {
    return false;
  }
  // RFC 5322 allows "=?" in a local part, but mail parsers read it as an RFC 2047 encoded word
  // ("=?utf-8?q?evil?=@example.org") and strict ones refuse the header: no mailbox uses it.
  if (local.find("=?") != std::string_view::npos) return false;
  return is_domain(domain);
}

}  // namespace smp
