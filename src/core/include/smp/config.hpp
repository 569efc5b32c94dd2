#pragma once
// Clinic config (`smp-consult/config@1`): typed, validated settings. `{}` is the default clinic
// of DOMAIN.md part 3. Only validated config becomes these structs; rule code never sees raw JSON.
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smp/catalogue.hpp"
#include "smp/date.hpp"
#include "smp/diagnostic.hpp"
#include "smp/messages.hpp"

namespace smp {

struct MoneyRange {
  long long low = 0;
  long long high = 0;
};
struct IntRange {
  int min = 0;
  int max = 0;
};
/// Hours are kept in tenths so 2.5 h stays exact (25).
struct HoursRange {
  int min_tenths = 0;
  int max_tenths = 0;
};

struct PackageSpec {
  std::string id;
  MoneyRange price;
  IntRange sessions;
  HoursRange hours;
  std::optional<int>
      first_session_max_tenths;  ///< e.g. full scalp: the first session may run to 6 h
  IntRange touch_up_sessions{1, 1};
};

enum class Policy { kNotSuitable, kMedicalClearance, kGoodCandidate };

struct ScreeningConfig {
  int min_age = 18;
  bool allow_minor_with_guardian_consent = false;
  Policy keloid_policy = Policy::kNotSuitable;
  Policy chronic_controlled_policy = Policy::kMedicalClearance;
  bool diabetes_any = false;  ///< diabetes_policy: "any" instead of "uncontrolled_only"
  int chemo_wait_months = 6;
  int scar_maturity_months = 12;
  int alopecia_stable_months = 12;
  int isotretinoin_wait_months = 6;
};

struct ClosedRange {
  Date from;
  Date to;
};

struct SessionsConfig {
  int interval_days = 14;
  int max = 4;
  int booking_lead_days = 7;
  int planned_default = 3;
  std::array<bool, 7> open_weekdays{true, true, true, true, true, true, true};  ///< Mon..Sun
  std::vector<ClosedRange> closed_dates;
};

enum class PricingModel { kPackageByArea, kPerSession, kPerStage };

struct Deposit {
  std::optional<long long> amount;
  std::optional<int> percent;
};

struct PricingConfig {
  PricingModel model = PricingModel::kPackageByArea;
  std::string currency = "USD";
  int round_to = 50;
  MoneyRange per_session_rate{500, 900};
  int scar_addon_factor_bp = 5000;  ///< basis points: 0.5 -> 5000
  long long consultation_fee = 0;
  Deposit deposit;
  MoneyRange touch_up_price{300, 600};
  std::map<std::string, PackageSpec> packages;
  /// per_stage model: "norwood:III" / "ludwig:II" -> price of the primary package.
  std::map<std::string, MoneyRange> per_stage;
};

enum class WashRule { kEveningBefore, kDoNotWash, kDayOf };

struct PrecareConfig {
  WashRule wash = WashRule::kEveningBefore;
  int substances_days_before = 3;
  int sun_chemicals_days_before = 7;
  int shave_days_before = 1;
  int patch_test_days_before = 7;
};

struct AftercareConfig {
  int shaving = 4;
  int washing_shampoo = 5;
  int creams_moisturiser = 5;
  int vigorous_exercise = 5;
  int hot_showers = 14;
  int picking = 14;
  int pools_sauna_tanning = 28;
  int direct_sun = 28;
};

struct ClinicInfo {
  std::string name = "Our clinic";
  std::string email;
  std::string phone;
  std::string address;
  std::string timezone = "UTC";
  std::string privacy_url;
  std::string booking_url;
  std::string practitioner_copy;
};

enum class FieldPolicy { kRequired, kOptional, kHidden };

/// The events a webhook may subscribe to (SPEC §8); `lead.created` is the one there is today.
inline constexpr std::array<std::string_view, 1> kWebhookEvents{"lead.created"};

/// One entry of `lead.webhooks`: where the relay POSTs each lead (Standard Webhooks signatures).
struct WebhookConfig {
  std::string url;         ///< https://…, or http:// to a loopback host
  std::string secret_env;  ///< the environment variable holding the `whsec_…` secret
  std::vector<std::string> events{"lead.created"};
  bool include_health = false;  ///< send answers.medical (only ever with the visitor's consent)
};

struct LeadConfig {
  std::string endpoint;  ///< URL or same-origin path the widget POSTs to; "" = mailto fallback
  std::string fallback_email;  ///< mailto fallback; default clinic.email
  std::string to;              ///< inbox that receives leads; default clinic.email
  std::string from;            ///< sender address for emails
  FieldPolicy phone = FieldPolicy::kOptional;
  bool marketing_opt_in = false;
  bool confirm_to_visitor = false;
  std::vector<std::string> allowed_origins;
  std::vector<std::string> frame_ancestors;
  int min_fill_seconds = 20;
  int rate_limit_per_minute = 10;
  std::string smtp_url;  ///< SMTP_URL in the environment wins
  /// Reverse proxies (IP or CIDR) whose X-Forwarded-For / Forwarded the relay believes.
  std::vector<std::string> trusted_proxies;
  /// Leads older than this many days, once delivered, are erased by the relay's daily sweep.
  int retention_days = 90;
  /// Where each accepted lead is also POSTed (the relay's private settings, like `to`).
  std::vector<WebhookConfig> webhooks;
};

/// Scalp photos sent with a lead (SPEC §8, config section `photos`). The thresholds are those of
/// the on-device quality check (smp/photos.hpp); luma is 0–255 (BT.601).
struct PhotosConfig {
  bool enabled = true;           ///< false: no photo step, and the relay refuses photo parts
  int min_long_side_px = 800;    ///< after the widget's downscale to at most 1600 px
  int dark_mean_below = 45;      ///< mean luma under this: "too dark"
  int bright_mean_above = 220;   ///< mean luma over this: "overexposed"
  int blur_variance_below = 60;  ///< Laplacian variance under this: "blurry"
  int retention_days = 30;       ///< days after the clinic email was delivered
  int max_email_mb = 15;         ///< larger: the photos follow in further emails
};

struct Config {
  ClinicInfo clinic;
  std::string default_locale = "en";
  /// Default: every locale the core has (supported_locales()).
  std::vector<std::string> available_locales =
      std::vector<std::string>(supported_locales().begin(), supported_locales().end());
  ScreeningConfig screening;
  SessionsConfig sessions;
  PricingConfig pricing;
  PrecareConfig precare;
  AftercareConfig aftercare;
  int touch_up_interval_years = 4;
  std::map<std::string, std::string> longevity_copy;  ///< locale -> text; empty = built-in
  std::map<std::string, std::map<std::string, std::string>> copy;  ///< locale -> key -> text
  LeadConfig lead;
  PhotosConfig photos;
  /// analytics.data_layer: the widget pushes smp_ready/smp_step/smp_result/smp_lead to the page's
  /// window.dataLayer (never answers, never a health question's id).
  bool analytics_data_layer = false;
  std::map<std::string, std::string> theme;  ///< accent, font, radius, … (CSS values)
  /// Texts of locales this build does not compile in (the widget's wasm loads them as JSON).
  /// Set by the host after parsing, never from the clinic's document; built-in texts win.
  LoadedCatalogues loaded_catalogues;
};

/// The default clinic (DOMAIN.md 3.5 and 3.8).
Config default_config();
/// Validates a whole config document and returns every problem at once.
Result<Config> parse_config(const nlohmann::json& document);
/// A config file's text: its JSON syntax, then parse_config (one path for validate and serve).
Result<Config> parse_config_text(std::string_view text);
/// The public part of a config the widget needs (clinic contact, lead form, locales, theme).
nlohmann::json public_config_json(const Config& config);

}  // namespace smp
