// Clinic config validation: walks the whole document, reports every problem at once as
// `<json pointer>: <problem>`, and only then builds the typed Config (DOMAIN 3.8, SPEC §5).
#include "smp/config.hpp"

#include <algorithm>
#include <string_view>

#include "config_tables.hpp"
#include "json_walk.hpp"
#include "smp/ip_range.hpp"
#include "smp/json_text.hpp"
#include "smp/lead.hpp"
#include "smp/messages.hpp"
#include "smp/photos.hpp"
#include "smp/stages.hpp"

namespace smp {
namespace {

constexpr std::string_view kSchema = "smp-consult/config@1";

constexpr long long kMaxMoney = 1'000'000'000;

bool is_currency(const std::string& code) {
  if (code.size() != 3) return false;
  for (size_t at = 0; at + 3 <= kCurrencies.size(); at += 4) {
    if (kCurrencies.substr(at, 3) == code) return true;
  }
  return false;
}

bool is_url_or_path(const std::string& text) {
  return text.rfind("https://", 0) == 0 || text.rfind("http://", 0) == 0 ||
         (text.size() > 1 && text[0] == '/' && text[1] != '/');
}

bool is_origin(const std::string& text) {
  const bool scheme = text.rfind("https://", 0) == 0 || text.rfind("http://", 0) == 0;
  if (!scheme) return false;
  const auto host = text.substr(text.find("//") + 2);
  return !host.empty() && host.find('/') == std::string::npos &&
         host.find_first_of(" \t\r\n") == std::string::npos;
}

// Webhooks carry personal (and, if asked, health) data: TLS, except to this machine.
bool is_webhook_url(const std::string& url) {
  if (url.find_first_of(" \t\r\n") != std::string::npos) return false;
  const bool https = url.rfind("https://", 0) == 0;
  if (!https && url.rfind("http://", 0) != 0) return false;
  const std::string rest = url.substr(https ? 8 : 7);
  std::string authority = rest.substr(0, rest.find_first_of("/?#"));
  // Credentials in the URL would be logged and shown; the secret is what authenticates.
  if (authority.empty() || authority.find('@') != std::string::npos) return false;
  std::string host = authority;
  if (host.front() == '[') {
    const auto close = host.find(']');
    if (close == std::string::npos) return false;
    host = host.substr(1, close - 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (host.empty()) return false;
  return https || host == "127.0.0.1" || host == "::1" || host == "localhost";
}

bool is_env_name(const std::string& name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

constexpr size_t kMaxWebhooks = 10;

bool has_control_chars(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](unsigned char c) { return c < 0x20 || c == 0x7F; });
}

// Reads the section parsers share: each parser fills `out` only from valid values, so the
// default stays in place where a value was wrong (and the error is reported).
class ConfigReader {
 public:
  explicit ConfigReader(Diagnostics& errors) : walk_(errors) {}

  Config read(const json& document) {
    Config config = default_config();
    if (!walk_.expect_object(document, "")) return config;
    walk_.unknown_keys(
        document, "",
        {"schema", "clinic", "locales", "screening", "sessions", "pricing", "precare", "aftercare",
         "touch_up", "longevity", "copy", "lead", "photos", "theme", "analytics"});
    if (const auto* schema = JsonWalk::find(document, "schema")) read_schema(*schema);
    if (const auto* v = section(document, "clinic")) read_clinic(*v, config.clinic);
    if (const auto* v = section(document, "locales")) read_locales(*v, config);
    if (const auto* v = section(document, "screening")) read_screening(*v, config.screening);
    if (const auto* v = section(document, "sessions")) read_sessions(*v, config.sessions);
    if (const auto* v = section(document, "pricing")) read_pricing(*v, config.pricing);
    if (const auto* v = section(document, "precare")) read_precare(*v, config.precare);
    if (const auto* v = section(document, "aftercare")) read_aftercare(*v, config.aftercare);
    if (const auto* v = section(document, "touch_up")) {
      walk_.unknown_keys(*v, "/touch_up", {"interval_years"});
      int_key(*v, "/touch_up", "interval_years", 2, 8, config.touch_up_interval_years);
    }
    if (const auto* v = JsonWalk::find(document, "longevity")) read_longevity(*v, config);
    if (const auto* v = section(document, "copy")) read_copy(*v, config);
    if (const auto* v = section(document, "lead")) read_lead(*v, config.lead);
    if (const auto* v = section(document, "photos")) read_photos(*v, config.photos);
    if (const auto* v = section(document, "theme")) read_theme(*v, config.theme);
    if (const auto* v = section(document, "analytics")) {
      walk_.unknown_keys(*v, "/analytics", {"data_layer"});
      bool_key(*v, "/analytics", "data_layer", config.analytics_data_layer);
    }
    return config;
  }

 private:
  const json* section(const json& document, std::string_view key) {
    const json* value = JsonWalk::find(document, key);
    if (value == nullptr) return nullptr;
    return walk_.expect_object(*value, JsonWalk::child("", key)) ? value : nullptr;
  }

  void read_schema(const json& schema) {
    if (!schema.is_string()) {
      walk_.error("/schema", "wrong_type", "must be a string");
    } else if (schema.get_ref<const std::string&>() != kSchema) {
      walk_.error("/schema", "schema_version",
                  "unsupported schema " + JsonWalk::short_dump(schema) + " (expected " +
                      std::string(kSchema) + ")");
    }
  }

  template <class Int>
  void int_key(const json& object, const std::string& parent, std::string_view key, long long min,
               long long max, Int& out) {
    if (const auto* v = JsonWalk::find(object, key)) {
      if (auto n = walk_.integer(*v, JsonWalk::child(parent, key), min, max)) out = Int(*n);
    }
  }
  void bool_key(const json& object, const std::string& parent, std::string_view key, bool& out) {
    if (const auto* v = JsonWalk::find(object, key)) {
      if (auto b = walk_.boolean(*v, JsonWalk::child(parent, key))) out = *b;
    }
  }
  void text_key(const json& object, const std::string& parent, std::string_view key,
                size_t max_length, std::string& out) {
    if (const auto* v = JsonWalk::find(object, key)) {
      const auto pointer = JsonWalk::child(parent, key);
      if (auto s = walk_.string(*v, pointer, max_length)) {
        if (has_control_chars(*s)) {
          walk_.error(pointer, "control_characters", "must not contain control characters");
        } else {
          out = *s;
        }
      }
    }
  }
  void email_key(const json& object, const std::string& parent, std::string_view key,
                 std::string& out) {
    std::string value;
    text_key(object, parent, key, 254, value);
    if (value.empty()) return;
    if (is_valid_email(value)) {
      out = value;
    } else {
      walk_.error(JsonWalk::child(parent, key), "invalid_email",
                  "not a valid email address (" + JsonWalk::short_dump(value) + ")");
    }
  }
  void url_key(const json& object, const std::string& parent, std::string_view key,
               std::string& out) {
    std::string value;
    text_key(object, parent, key, 2000, value);
    if (value.empty()) return;
    if (is_url_or_path(value)) {
      out = value;
    } else {
      walk_.error(
          JsonWalk::child(parent, key), "invalid_value",
          "must be an http(s) URL or a path starting with / (" + JsonWalk::short_dump(value) + ")");
    }
  }

  // Ranges come as [low, high] or {"low": …, "high": …}.
  void money_range(const json& value, const std::string& pointer, MoneyRange& out) {
    const json* low = nullptr;
    const json* high = nullptr;
    std::string low_ptr, high_ptr;
    if (value.is_array() && value.size() == 2) {
      low = &value[0];
      high = &value[1];
      low_ptr = pointer + "/0";
      high_ptr = pointer + "/1";
    } else if (value.is_object()) {
      walk_.unknown_keys(value, pointer, {"low", "high"});
      low = JsonWalk::find(value, "low");
      high = JsonWalk::find(value, "high");
      low_ptr = pointer + "/low";
      high_ptr = pointer + "/high";
      if (low == nullptr) walk_.error(low_ptr, "required", "required");
      if (high == nullptr) walk_.error(high_ptr, "required", "required");
    } else {
      walk_.error(pointer, "wrong_type", "must be [low, high] or {\"low\": …, \"high\": …}");
      return;
    }
    if (low == nullptr || high == nullptr) return;
    auto l = walk_.integer(*low, low_ptr, 0, kMaxMoney);
    auto h = walk_.integer(*high, high_ptr, 0, kMaxMoney);
    if (!l || !h) return;
    if (*h < *l) {
      walk_.error(high_ptr, "out_of_range",
                  "must be >= low (" + std::to_string(*h) + " < " + std::to_string(*l) + ")");
      return;
    }
    out = {*l, *h};
  }

  void int_range(const json& value, const std::string& pointer, int min, int max, IntRange& out) {
    if (!walk_.expect_object(value, pointer)) return;
    walk_.unknown_keys(value, pointer, {"min", "max"});
    IntRange range = out;
    int_key(value, pointer, "min", min, max, range.min);
    int_key(value, pointer, "max", min, max, range.max);
    if (range.max < range.min) {
      walk_.error(
          pointer + "/max", "out_of_range",
          "must be >= min (" + std::to_string(range.max) + " < " + std::to_string(range.min) + ")");
      return;
    }
    out = range;
  }

  void hours_range(const json& value, const std::string& pointer, HoursRange& out) {
    if (!walk_.expect_object(value, pointer)) return;
    walk_.unknown_keys(value, pointer, {"min", "max"});
    HoursRange range = out;
    if (const auto* v = JsonWalk::find(value, "min")) {
      if (auto h = walk_.number(*v, pointer + "/min", 0.5, 12))
        range.min_tenths = int(*h * 10 + 0.5);
    }
    if (const auto* v = JsonWalk::find(value, "max")) {
      if (auto h = walk_.number(*v, pointer + "/max", 0.5, 12))
        range.max_tenths = int(*h * 10 + 0.5);
    }
    if (range.max_tenths < range.min_tenths) {
      walk_.error(pointer + "/max", "out_of_range", "must be >= min");
      return;
    }
    out = range;
  }

  void read_clinic(const json& v, ClinicInfo& clinic) {
    walk_.unknown_keys(v, "/clinic",
                       {"name", "email", "phone", "address", "timezone", "privacy_url",
                        "booking_url", "practitioner_copy"});
    text_key(v, "/clinic", "name", 200, clinic.name);
    email_key(v, "/clinic", "email", clinic.email);
    text_key(v, "/clinic", "phone", 40, clinic.phone);
    text_key(v, "/clinic", "address", 400, clinic.address);
    std::string zone;
    text_key(v, "/clinic", "timezone", 64, zone);
    if (!zone.empty()) {
      const bool ok = std::all_of(zone.begin(), zone.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
               c == '+';
      });
      if (ok) {
        clinic.timezone = zone;
      } else {
        walk_.error(
            "/clinic/timezone", "invalid_value",
            "not an IANA time zone name like Europe/Madrid (" + JsonWalk::short_dump(zone) + ")");
      }
    }
    url_key(v, "/clinic", "privacy_url", clinic.privacy_url);
    url_key(v, "/clinic", "booking_url", clinic.booking_url);
    if (const auto* p = JsonWalk::find(v, "practitioner_copy")) {
      if (auto s = walk_.string(*p, "/clinic/practitioner_copy", 2000))
        clinic.practitioner_copy = *s;
    }
  }

  std::optional<std::string> locale_value(const json& value, const std::string& pointer) {
    if (!value.is_string()) {
      walk_.error(pointer, "wrong_type", "must be a string");
      return std::nullopt;
    }
    const auto& text = value.get_ref<const std::string&>();
    if (is_supported_locale(text)) return text;
    walk_.error(pointer, "invalid_value",
                "unsupported locale " + JsonWalk::short_dump(value) + " (expected en, es)");
    return std::nullopt;
  }

  void read_locales(const json& v, Config& config) {
    walk_.unknown_keys(v, "/locales", {"default", "available"});
    if (const auto* a = JsonWalk::find(v, "available")) {
      if (walk_.expect_array(*a, "/locales/available")) {
        std::vector<std::string> available;
        for (size_t i = 0; i < a->size(); ++i) {
          if (auto l = locale_value((*a)[i], JsonWalk::child("/locales/available", i))) {
            if (std::find(available.begin(), available.end(), *l) == available.end()) {
              available.push_back(*l);
            }
          }
        }
        if (a->empty()) {
          walk_.error("/locales/available", "out_of_range", "must list at least one locale");
        } else if (!available.empty()) {
          config.available_locales = available;
        }
      }
    }
    if (const auto* d = JsonWalk::find(v, "default")) {
      if (auto l = locale_value(*d, "/locales/default")) {
        if (std::find(config.available_locales.begin(), config.available_locales.end(), *l) ==
            config.available_locales.end()) {
          walk_.error("/locales/default", "invalid_value", "must be one of /locales/available");
        } else {
          config.default_locale = *l;
        }
      }
    }
  }

  void read_screening(const json& v, ScreeningConfig& s) {
    const std::string p = "/screening";
    walk_.unknown_keys(
        v, p,
        {"min_age", "allow_minor_with_guardian_consent", "keloid_policy",
         "chronic_controlled_policy", "diabetes_policy", "chemo_wait_months",
         "scar_maturity_months", "alopecia_stable_months", "isotretinoin_wait_months"});
    int_key(v, p, "min_age", 18, 21, s.min_age);
    bool_key(v, p, "allow_minor_with_guardian_consent", s.allow_minor_with_guardian_consent);
    if (const auto* k = JsonWalk::find(v, "keloid_policy")) {
      if (auto policy = walk_.one_of<Policy>(*k, p + "/keloid_policy",
                                             {{"not_suitable", Policy::kNotSuitable},
                                              {"medical_clearance", Policy::kMedicalClearance}})) {
        s.keloid_policy = *policy;
      }
    }
    if (const auto* k = JsonWalk::find(v, "chronic_controlled_policy")) {
      if (auto policy = walk_.one_of<Policy>(*k, p + "/chronic_controlled_policy",
                                             {{"medical_clearance", Policy::kMedicalClearance},
                                              {"good_candidate", Policy::kGoodCandidate}})) {
        s.chronic_controlled_policy = *policy;
      }
    }
    if (const auto* k = JsonWalk::find(v, "diabetes_policy")) {
      if (auto any = walk_.one_of<bool>(*k, p + "/diabetes_policy",
                                        {{"uncontrolled_only", false}, {"any", true}})) {
        s.diabetes_any = *any;
      }
    }
    int_key(v, p, "chemo_wait_months", 6, 12, s.chemo_wait_months);
    int_key(v, p, "scar_maturity_months", 9, 12, s.scar_maturity_months);
    int_key(v, p, "alopecia_stable_months", 6, 24, s.alopecia_stable_months);
    int_key(v, p, "isotretinoin_wait_months", 6, 12, s.isotretinoin_wait_months);
  }

  void read_sessions(const json& v, SessionsConfig& s) {
    const std::string p = "/sessions";
    walk_.unknown_keys(v, p,
                       {"interval_days", "max", "booking_lead_days", "planned_default",
                        "open_weekdays", "closed_dates"});
    int_key(v, p, "interval_days", 7, 42, s.interval_days);
    int_key(v, p, "max", 2, 5, s.max);
    int_key(v, p, "booking_lead_days", 0, 90, s.booking_lead_days);
    if (const auto* planned = JsonWalk::find(v, "planned_default")) {
      if (auto n = walk_.integer(*planned, p + "/planned_default", 1, 5)) {
        if (*n > s.max) {
          walk_.error(p + "/planned_default", "out_of_range",
                      "must be <= /sessions/max (" + std::to_string(*n) + " > " +
                          std::to_string(s.max) + ")");
        } else {
          s.planned_default = int(*n);
        }
      }
    }
    if (const auto* days = JsonWalk::find(v, "open_weekdays")) read_weekdays(*days, s);
    if (const auto* closed = JsonWalk::find(v, "closed_dates")) read_closed(*closed, s);
  }

  void read_weekdays(const json& days, SessionsConfig& s) {
    const std::string p = "/sessions/open_weekdays";
    if (!walk_.expect_array(days, p)) return;
    std::array<bool, 7> open{};
    bool valid = true;
    for (size_t i = 0; i < days.size(); ++i) {
      const auto& day = days[i];
      const auto it = day.is_string() ? std::find(kWeekdays.begin(), kWeekdays.end(),
                                                  day.get_ref<const std::string&>())
                                      : kWeekdays.end();
      if (it == kWeekdays.end()) {
        walk_.error(JsonWalk::child(p, i), day.is_string() ? "invalid_value" : "wrong_type",
                    "not a weekday (expected mon, tue, wed, thu, fri, sat, sun) (" +
                        JsonWalk::short_dump(day) + ")");
        valid = false;
      } else {
        open[size_t(it - kWeekdays.begin())] = true;
      }
    }
    if (valid && days.empty()) {
      walk_.error(p, "out_of_range", "must list at least one open day");
    } else if (valid) {
      s.open_weekdays = open;
    }
  }

  void read_closed(const json& closed, SessionsConfig& s) {
    const std::string p = "/sessions/closed_dates";
    if (!walk_.expect_array(closed, p)) return;
    if (closed.size() > 1000) {
      walk_.error(p, "out_of_range", "must list at most 1000 entries");
      return;
    }
    for (size_t i = 0; i < closed.size(); ++i) {
      const auto& entry = closed[i];
      const auto pointer = JsonWalk::child(p, i);
      if (entry.is_object()) {
        walk_.unknown_keys(entry, pointer, {"from", "to"});
        const auto* from = JsonWalk::find(entry, "from");
        const auto* to = JsonWalk::find(entry, "to");
        if (from == nullptr) walk_.error(pointer + "/from", "required", "required");
        if (to == nullptr) walk_.error(pointer + "/to", "required", "required");
        if (from == nullptr || to == nullptr) continue;
        auto f = walk_.date(*from, pointer + "/from");
        auto t = walk_.date(*to, pointer + "/to");
        if (f && t) {
          if (*t < *f) {
            walk_.error(pointer + "/to", "out_of_range", "must not be before from");
          } else if (days_between(*f, *t) > 366) {
            walk_.error(pointer + "/to", "out_of_range", "a closed period may span at most a year");
          } else {
            s.closed_dates.push_back({*f, *t});
          }
        }
      } else if (auto d = walk_.date(entry, pointer)) {
        s.closed_dates.push_back({*d, *d});
      }
    }
  }

  void read_pricing(const json& v, PricingConfig& pricing) {
    const std::string p = "/pricing";
    walk_.unknown_keys(v, p,
                       {"model", "currency", "round_to", "per_session_rate", "scar_addon_factor",
                        "consultation_fee", "deposit", "touch_up_price", "packages", "per_stage"});
    if (const auto* m = JsonWalk::find(v, "model")) {
      if (auto model =
              walk_.one_of<PricingModel>(*m, p + "/model",
                                         {{"package_by_area", PricingModel::kPackageByArea},
                                          {"per_session", PricingModel::kPerSession},
                                          {"per_stage", PricingModel::kPerStage}})) {
        pricing.model = *model;
      }
    }
    if (const auto* c = JsonWalk::find(v, "currency")) {
      if (auto code = walk_.string(*c, p + "/currency", 16)) {
        if (is_currency(*code)) {
          pricing.currency = *code;
        } else {
          walk_.error(p + "/currency", "invalid_value",
                      "not an ISO 4217 currency code (" + JsonWalk::short_dump(*c) + ")");
        }
      }
    }
    int_key(v, p, "round_to", 1, 1000, pricing.round_to);
    if (const auto* r = JsonWalk::find(v, "per_session_rate")) {
      money_range(*r, p + "/per_session_rate", pricing.per_session_rate);
    }
    if (const auto* f = JsonWalk::find(v, "scar_addon_factor")) {
      if (auto factor = walk_.number(*f, p + "/scar_addon_factor", 0, 1)) {
        pricing.scar_addon_factor_bp = int(*factor * 10000 + 0.5);
      }
    }
    int_key(v, p, "consultation_fee", 0, kMaxMoney, pricing.consultation_fee);
    if (const auto* d = JsonWalk::find(v, "deposit")) read_deposit(*d, pricing.deposit);
    if (const auto* t = JsonWalk::find(v, "touch_up_price")) {
      money_range(*t, p + "/touch_up_price", pricing.touch_up_price);
    }
    if (const auto* pk = JsonWalk::find(v, "packages")) read_packages(*pk, pricing);
    if (const auto* ps = JsonWalk::find(v, "per_stage")) read_per_stage(*ps, pricing);
    if (pricing.model == PricingModel::kPerStage && pricing.per_stage.empty() &&
        JsonWalk::find(v, "per_stage") == nullptr) {
      walk_.error(p + "/per_stage", "required", "required when /pricing/model is per_stage");
    }
  }

  void read_deposit(const json& d, Deposit& deposit) {
    const std::string p = "/pricing/deposit";
    if (d.is_null()) return;
    if (d.is_number()) {
      if (auto n = walk_.integer(d, p, 0, kMaxMoney)) deposit.amount = *n;
      return;
    }
    if (!d.is_object()) {
      walk_.error(p, "wrong_type", "must be null, an amount, {\"amount\": N} or {\"percent\": N}");
      return;
    }
    walk_.unknown_keys(d, p, {"amount", "percent"});
    const auto* amount = JsonWalk::find(d, "amount");
    const auto* percent = JsonWalk::find(d, "percent");
    if ((amount != nullptr) == (percent != nullptr)) {
      walk_.error(p, "invalid_value", "give exactly one of amount or percent");
      return;
    }
    if (amount != nullptr) {
      if (auto n = walk_.integer(*amount, p + "/amount", 0, kMaxMoney)) deposit.amount = *n;
    } else if (auto n = walk_.integer(*percent, p + "/percent", 1, 100)) {
      deposit.percent = int(*n);
    }
  }

  void read_packages(const json& pk, PricingConfig& pricing) {
    const std::string p = "/pricing/packages";
    if (!walk_.expect_object(pk, p)) return;
    for (auto it = pk.begin(); it != pk.end(); ++it) {
      const auto pointer = JsonWalk::child(p, it.key());
      auto found = pricing.packages.find(it.key());
      if (found == pricing.packages.end()) {
        std::string names;
        for (const auto& [id, spec] : pricing.packages) names += (names.empty() ? "" : ", ") + id;
        walk_.error(pointer, "unknown_key", "unknown package (expected one of: " + names + ")");
        continue;
      }
      const json& entry = it.value();
      if (!walk_.expect_object(entry, pointer)) continue;
      walk_.unknown_keys(
          entry, pointer,
          {"low", "high", "sessions", "hours", "first_session_hours_max", "touch_up_sessions"});
      PackageSpec spec = found->second;
      // A package may override only its low or high; the pair is checked after merging.
      MoneyRange price = spec.price;
      int_key(entry, pointer, "low", 0, kMaxMoney, price.low);
      int_key(entry, pointer, "high", 0, kMaxMoney, price.high);
      if (price.high < price.low) {
        walk_.error(pointer + "/high", "out_of_range",
                    "must be >= low (" + std::to_string(price.high) + " < " +
                        std::to_string(price.low) + ")");
      } else {
        spec.price = price;
      }
      if (const auto* s = JsonWalk::find(entry, "sessions")) {
        int_range(*s, pointer + "/sessions", 1, 5, spec.sessions);
      }
      if (const auto* h = JsonWalk::find(entry, "hours"))
        hours_range(*h, pointer + "/hours", spec.hours);
      if (const auto* f = JsonWalk::find(entry, "first_session_hours_max")) {
        if (auto h = walk_.number(*f, pointer + "/first_session_hours_max", 0.5, 12)) {
          spec.first_session_max_tenths = int(*h * 10 + 0.5);
        }
      }
      if (const auto* t = JsonWalk::find(entry, "touch_up_sessions")) {
        int_range(*t, pointer + "/touch_up_sessions", 1, 3, spec.touch_up_sessions);
      }
      found->second = spec;
    }
  }

  // Stage prices: nested {"norwood": {"III": range}, "ludwig": {...}}, or flat keys
  // "norwood:III" / "norwood_III" (clinics write both; one table either way).
  void read_per_stage(const json& ps, PricingConfig& pricing) {
    const std::string p = "/pricing/per_stage";
    if (!walk_.expect_object(ps, p)) return;
    for (auto it = ps.begin(); it != ps.end(); ++it) {
      const std::string& key = it.key();
      const auto pointer = JsonWalk::child(p, key);
      if (key == "norwood" || key == "ludwig") {
        if (!walk_.expect_object(it.value(), pointer)) continue;
        for (auto stage = it.value().begin(); stage != it.value().end(); ++stage) {
          stage_price(key, stage.key(), stage.value(), JsonWalk::child(pointer, stage.key()),
                      pricing);
        }
        continue;
      }
      const auto split = key.find_first_of(":_");
      const std::string scale = split == std::string::npos ? "" : key.substr(0, split);
      if (scale != "norwood" && scale != "ludwig") {
        walk_.error(pointer, "unknown_key",
                    "expected norwood, ludwig, or a key like \"norwood:III\"");
        continue;
      }
      stage_price(scale, key.substr(split + 1), it.value(), pointer, pricing);
    }
  }

  void stage_price(const std::string& scale, const std::string& stage, const json& value,
                   const std::string& pointer, PricingConfig& pricing) {
    const bool known =
        scale == "norwood" ? is_listed(kNorwoodStages, stage) : is_listed(kLudwigStages, stage);
    if (!known) {
      walk_.error(pointer, "unknown_key", "unknown " + scale + " stage");
      return;
    }
    MoneyRange range{-1, -1};
    money_range(value, pointer, range);
    if (range.low >= 0) pricing.per_stage[scale + ":" + stage] = range;
  }

  void read_precare(const json& v, PrecareConfig& precare) {
    const std::string p = "/precare";
    walk_.unknown_keys(v, p,
                       {"wash", "substances_days_before", "sun_chemicals_days_before",
                        "shave_days_before", "patch_test_days_before"});
    if (const auto* w = JsonWalk::find(v, "wash")) {
      if (auto wash = walk_.one_of<WashRule>(*w, p + "/wash",
                                             {{"evening_before", WashRule::kEveningBefore},
                                              {"do_not_wash", WashRule::kDoNotWash},
                                              {"day_of", WashRule::kDayOf}})) {
        precare.wash = *wash;
      }
    }
    int_key(v, p, "substances_days_before", 1, 14, precare.substances_days_before);
    int_key(v, p, "sun_chemicals_days_before", 1, 30, precare.sun_chemicals_days_before);
    int_key(v, p, "shave_days_before", 0, 3, precare.shave_days_before);
    int_key(v, p, "patch_test_days_before", 7, 30, precare.patch_test_days_before);
  }

  void read_aftercare(const json& v, AftercareConfig& a) {
    const std::string p = "/aftercare";
    walk_.unknown_keys(v, p,
                       {"shaving", "washing_shampoo", "creams_moisturiser", "vigorous_exercise",
                        "hot_showers", "picking", "pools_sauna_tanning", "direct_sun"});
    int_key(v, p, "shaving", 4, 10, a.shaving);
    int_key(v, p, "washing_shampoo", 3, 7, a.washing_shampoo);
    int_key(v, p, "creams_moisturiser", 3, 7, a.creams_moisturiser);
    int_key(v, p, "vigorous_exercise", 5, 10, a.vigorous_exercise);
    int_key(v, p, "hot_showers", 7, 14, a.hot_showers);
    int_key(v, p, "picking", 7, 14, a.picking);
    int_key(v, p, "pools_sauna_tanning", 7, 30, a.pools_sauna_tanning);
    int_key(v, p, "direct_sun", 7, 30, a.direct_sun);
  }

  void read_longevity(const json& v, Config& config) {
    if (!walk_.expect_object(v, "/longevity")) return;
    walk_.unknown_keys(v, "/longevity", {"copy"});
    const auto* copy = JsonWalk::find(v, "copy");
    if (copy == nullptr) return;
    if (copy->is_string()) {
      if (auto s = walk_.string(*copy, "/longevity/copy", 2000)) {
        for (const auto& locale : config.available_locales) config.longevity_copy[locale] = *s;
      }
      return;
    }
    if (!copy->is_object()) {
      walk_.error("/longevity/copy", "wrong_type", "must be a string or {locale: text}");
      return;
    }
    for (auto it = copy->begin(); it != copy->end(); ++it) {
      const auto pointer = JsonWalk::child("/longevity/copy", it.key());
      if (auto locale = locale_value(json(it.key()), pointer)) {
        if (auto s = walk_.string(it.value(), pointer, 2000)) config.longevity_copy[*locale] = *s;
      }
    }
  }

  void read_copy(const json& v, Config& config) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      const auto pointer = JsonWalk::child("/copy", it.key());
      auto locale = locale_value(json(it.key()), pointer);
      if (!locale || !walk_.expect_object(it.value(), pointer)) continue;
      for (auto entry = it.value().begin(); entry != it.value().end(); ++entry) {
        const auto key_ptr = JsonWalk::child(pointer, entry.key());
        if (!is_message_key(entry.key())) {
          walk_.error(key_ptr, "unknown_key", "unknown message key");
          continue;
        }
        if (auto s = walk_.string(entry.value(), key_ptr, kMaxCopyTextLength)) {
          config.copy[*locale][entry.key()] = *s;
        }
      }
    }
  }

  void string_list(const json& v, const std::string& pointer, bool (*valid)(const std::string&),
                   const std::string& expected, std::vector<std::string>& out) {
    if (!walk_.expect_array(v, pointer)) return;
    std::vector<std::string> items;
    for (size_t i = 0; i < v.size(); ++i) {
      const auto item_ptr = JsonWalk::child(pointer, i);
      if (auto s = walk_.string(v[i], item_ptr, 300)) {
        if (valid(*s)) {
          items.push_back(*s);
        } else {
          walk_.error(item_ptr, "invalid_value",
                      "not " + expected + " (" + JsonWalk::short_dump(v[i]) + ")");
        }
      }
    }
    out = items;
  }

  void read_lead(const json& v, LeadConfig& lead) {
    const std::string p = "/lead";
    walk_.unknown_keys(
        v, p,
        {"endpoint", "fallback_email", "to", "from", "phone", "marketing_opt_in",
         "confirm_to_visitor", "allowed_origins", "frame_ancestors", "min_fill_seconds",
         "rate_limit_per_minute", "smtp_url", "trusted_proxies", "retention_days", "webhooks"});
    url_key(v, p, "endpoint", lead.endpoint);
    email_key(v, p, "fallback_email", lead.fallback_email);
    email_key(v, p, "to", lead.to);
    email_key(v, p, "from", lead.from);
    if (const auto* ph = JsonWalk::find(v, "phone")) {
      if (auto policy = walk_.one_of<FieldPolicy>(*ph, p + "/phone",
                                                  {{"required", FieldPolicy::kRequired},
                                                   {"optional", FieldPolicy::kOptional},
                                                   {"hidden", FieldPolicy::kHidden}})) {
        lead.phone = *policy;
      }
    }
    bool_key(v, p, "marketing_opt_in", lead.marketing_opt_in);
    bool_key(v, p, "confirm_to_visitor", lead.confirm_to_visitor);
    if (const auto* o = JsonWalk::find(v, "allowed_origins")) {
      string_list(*o, p + "/allowed_origins", is_origin, "an origin like https://clinic.example",
                  lead.allowed_origins);
    }
    if (const auto* f = JsonWalk::find(v, "frame_ancestors")) {
      string_list(
          *f, p + "/frame_ancestors",
          [](const std::string& s) { return s == "'self'" || s == "'none'" || is_origin(s); },
          "'self', 'none' or an origin like https://clinic.example", lead.frame_ancestors);
    }
    if (const auto* t = JsonWalk::find(v, "trusted_proxies")) {
      string_list(
          *t, p + "/trusted_proxies",
          [](const std::string& s) { return parse_ip_range(s).has_value(); },
          "an IP address or CIDR range like 10.0.0.0/8", lead.trusted_proxies);
    }
    int_key(v, p, "min_fill_seconds", 0, 600, lead.min_fill_seconds);
    int_key(v, p, "rate_limit_per_minute", 1, 1000, lead.rate_limit_per_minute);
    int_key(v, p, "retention_days", 1, 3650, lead.retention_days);
    std::string smtp;
    text_key(v, p, "smtp_url", 500, smtp);
    if (!smtp.empty()) {
      if (smtp.rfind("smtp://", 0) == 0 || smtp.rfind("smtps://", 0) == 0) {
        lead.smtp_url = smtp;
      } else {
        walk_.error(p + "/smtp_url", "invalid_value", "must start with smtp:// or smtps://");
      }
    }
    if (const auto* w = JsonWalk::find(v, "webhooks")) read_webhooks(*w, p + "/webhooks", lead);
  }

  void read_webhooks(const json& v, const std::string& pointer, LeadConfig& lead) {
    if (!walk_.expect_array(v, pointer)) return;
#ifdef SMP_WITHOUT_RELAY_SETTINGS
    // The widget never delivers webhooks (the relay strips them from /smp/clinic.json), so its
    // wasm keeps only the shape check; `validate` and `serve` check every item natively.
    (void)lead;
    return;
#endif
    if (v.size() > kMaxWebhooks) {
      walk_.error(pointer, "too_many",
                  "at most " + std::to_string(kMaxWebhooks) + " webhooks (got " +
                      std::to_string(v.size()) + ")");
      return;
    }
    std::vector<WebhookConfig> webhooks;
    bool valid = true;
    for (size_t i = 0; i < v.size(); ++i) {
      const auto item_ptr = JsonWalk::child(pointer, i);
      if (!walk_.expect_object(v[i], item_ptr)) {
        valid = false;
        continue;
      }
      const auto errors_before = walk_.count();
      walk_.unknown_keys(v[i], item_ptr, {"url", "secret_env", "events", "include_health"});
      WebhookConfig hook;
      if (JsonWalk::find(v[i], "url") == nullptr) {
        walk_.error(item_ptr + "/url", "required", "required");
      } else {
        text_key(v[i], item_ptr, "url", 2000, hook.url);
        if (!hook.url.empty() && !is_webhook_url(hook.url)) {
          walk_.error(item_ptr + "/url", "invalid_value",
                      "must be an https:// URL (http:// only to 127.0.0.1, ::1 or localhost) (" +
                          JsonWalk::short_dump(json(hook.url)) + ")");
        }
        for (const auto& other : webhooks) {
          if (!hook.url.empty() && other.url == hook.url) {
            walk_.error(item_ptr + "/url", "duplicate", "the same URL is listed twice");
          }
        }
      }
      if (JsonWalk::find(v[i], "secret_env") == nullptr) {
        walk_.error(item_ptr + "/secret_env", "required",
                    "required: the name of the environment variable that holds the secret");
      } else {
        text_key(v[i], item_ptr, "secret_env", 100, hook.secret_env);
        if (!is_env_name(hook.secret_env)) {
          walk_.error(item_ptr + "/secret_env", "invalid_value",
                      "not an environment variable name like CRM_WEBHOOK_SECRET (" +
                          JsonWalk::short_dump(json(hook.secret_env)) + ")");
        }
      }
      if (const auto* events = JsonWalk::find(v[i], "events")) {
        const auto events_ptr = item_ptr + "/events";
        if (walk_.expect_array(*events, events_ptr)) {
          if (events->empty()) walk_.error(events_ptr, "required", "must name at least one event");
          hook.events.clear();
          for (size_t e = 0; e < events->size(); ++e) {
            const auto event_ptr = JsonWalk::child(events_ptr, e);
            if (auto name = walk_.string((*events)[e], event_ptr, 100)) {
              if (std::find(kWebhookEvents.begin(), kWebhookEvents.end(), *name) ==
                  kWebhookEvents.end()) {
                walk_.error(event_ptr, "invalid_value",
                            "unknown event " + JsonWalk::short_dump((*events)[e]) +
                                " (known: lead.created)");
              } else {
                hook.events.push_back(*name);
              }
            }
          }
        }
      }
      bool_key(v[i], item_ptr, "include_health", hook.include_health);
      if (walk_.count() != errors_before) valid = false;
      webhooks.push_back(std::move(hook));
    }
    if (valid) lead.webhooks = std::move(webhooks);
  }

  void read_photos(const json& v, PhotosConfig& photos) {
    const std::string p = "/photos";
    walk_.unknown_keys(v, p,
                       {"enabled", "min_long_side_px", "dark_mean_below", "bright_mean_above",
                        "blur_variance_below", "retention_days", "max_email_mb"});
    bool_key(v, p, "enabled", photos.enabled);
    // The widget sends at most 1600 px on the long side, so a larger minimum refuses every photo.
    int_key(v, p, "min_long_side_px", 200, kPhotoMaxLongSidePx, photos.min_long_side_px);
    int_key(v, p, "dark_mean_below", 0, 255, photos.dark_mean_below);
    int_key(v, p, "bright_mean_above", 0, 255, photos.bright_mean_above);
    int_key(v, p, "blur_variance_below", 0, 100000, photos.blur_variance_below);
    int_key(v, p, "retention_days", 1, 3650, photos.retention_days);
    int_key(v, p, "max_email_mb", 1, 100, photos.max_email_mb);
    if (photos.bright_mean_above <= photos.dark_mean_below) {
      walk_.error(p + "/bright_mean_above", "out_of_range",
                  "must be greater than /photos/dark_mean_below (" +
                      std::to_string(photos.dark_mean_below) + ")");
    }
  }

  void read_theme(const json& v, std::map<std::string, std::string>& theme) {
    walk_.unknown_keys(v, "/theme",
                       {"accent", "accent_contrast", "background", "surface", "text", "muted",
                        "font", "radius", "danger", "success"});
    for (auto it = v.begin(); it != v.end(); ++it) {
      const auto pointer = JsonWalk::child("/theme", it.key());
      if (auto s = walk_.string(it.value(), pointer, 200)) {
        // Theme values become CSS custom properties: keep anything that could end a declaration
        // or open markup out of them.
        if (s->find_first_of(";{}<>\\") != std::string::npos || has_control_chars(*s)) {
          walk_.error(pointer, "invalid_value", "must be a plain CSS value (no ; { } < > \\)");
        } else {
          theme[it.key()] = *s;
        }
      }
    }
  }

  JsonWalk walk_;
};

}  // namespace

Result<Config> parse_config(const nlohmann::json& document) {
  Result<Config> result;
  ConfigReader reader(result.errors);
  Config config = reader.read(document);
  if (result.errors.empty()) result.value = std::move(config);
  return result;
}

Result<Config> parse_config_text(std::string_view text) {
  auto document = parse_json_text(text);
  if (!document.ok()) return {std::nullopt, std::move(document.errors)};
  return parse_config(*document.value);
}

nlohmann::json public_config_json(const Config& config) {
  const auto policy = [](FieldPolicy p) {
    return p == FieldPolicy::kRequired ? "required"
           : p == FieldPolicy::kHidden ? "hidden"
                                       : "optional";
  };
  return {
      {"clinic", clinic_json(config.clinic)},
      {"locales", locales_json(config)},
      {"currency", config.pricing.currency},
      {"round_to", config.pricing.round_to},
      {"lead",
       {{"endpoint", config.lead.endpoint},
        {"fallback_email",
         config.lead.fallback_email.empty() ? config.clinic.email : config.lead.fallback_email},
        {"phone", policy(config.lead.phone)},
        {"marketing_opt_in", config.lead.marketing_opt_in},
        // The form's limits and choices as parse_lead checks them (the widget has none).
        {"form", lead_form_json()}}},
      {"photos", {{"enabled", config.photos.enabled}, {"max", kMaxPhotosPerLead}}},
      {"theme", config.theme},
      {"analytics", {{"data_layer", config.analytics_data_layer}}},
  };
}

}  // namespace smp
