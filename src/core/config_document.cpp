// Config -> document: the inverse of config.cpp's reader, key for key (DOMAIN 3.8, README table).
#include "smp/config_document.hpp"

#include <string>
#include <string_view>

#include "config_tables.hpp"
#include "smp/messages.hpp"
#include "smp/stages.hpp"

namespace smp {
namespace {

using nlohmann::json;

// The accepted names of the choice keys, in the order the reader lists them in its errors.
constexpr std::string_view kKeloidPolicies[] = {"not_suitable", "medical_clearance"};
constexpr std::string_view kChronicPolicies[] = {"medical_clearance", "good_candidate"};
constexpr std::string_view kDiabetesPolicies[] = {"uncontrolled_only", "any"};
constexpr std::string_view kPricingModels[] = {"package_by_area", "per_session", "per_stage"};
constexpr std::string_view kWashRules[] = {"evening_before", "do_not_wash", "day_of"};
constexpr std::string_view kFieldPolicies[] = {"required", "optional", "hidden"};

const char* policy_name(Policy policy) {
  switch (policy) {
    case Policy::kNotSuitable: return "not_suitable";
    case Policy::kMedicalClearance: return "medical_clearance";
    case Policy::kGoodCandidate: return "good_candidate";
  }
  return "medical_clearance";
}

const char* model_name(PricingModel model) {
  switch (model) {
    case PricingModel::kPackageByArea: return "package_by_area";
    case PricingModel::kPerSession: return "per_session";
    case PricingModel::kPerStage: return "per_stage";
  }
  return "package_by_area";
}

const char* wash_name(WashRule wash) {
  switch (wash) {
    case WashRule::kEveningBefore: return "evening_before";
    case WashRule::kDoNotWash: return "do_not_wash";
    case WashRule::kDayOf: return "day_of";
  }
  return "evening_before";
}

const char* field_policy_name(FieldPolicy policy) {
  switch (policy) {
    case FieldPolicy::kRequired: return "required";
    case FieldPolicy::kOptional: return "optional";
    case FieldPolicy::kHidden: return "hidden";
  }
  return "optional";
}

// Hours are kept in tenths; the document gives them in hours (2.5).
json hours(int tenths) {
  if (tenths % 10 == 0) return tenths / 10;
  return tenths / 10.0;
}

json money(const MoneyRange& range) {
  return json::array({range.low, range.high});
}

template <class Names>
json names(const Names& list) {
  json out = json::array();
  for (std::string_view name : list) out.push_back(std::string(name));
  return out;
}

json packages_json(const std::map<std::string, PackageSpec>& packages) {
  json out = json::object();
  for (const auto& [id, spec] : packages) {
    json entry = {
        {"low", spec.price.low},
        {"high", spec.price.high},
        {"sessions", {{"min", spec.sessions.min}, {"max", spec.sessions.max}}},
        {"hours", {{"min", hours(spec.hours.min_tenths)}, {"max", hours(spec.hours.max_tenths)}}},
        {"touch_up_sessions",
         {{"min", spec.touch_up_sessions.min}, {"max", spec.touch_up_sessions.max}}}};
    if (spec.first_session_max_tenths) {
      entry["first_session_hours_max"] = hours(*spec.first_session_max_tenths);
    }
    out[id] = std::move(entry);
  }
  return out;
}

json per_stage_json(const std::map<std::string, MoneyRange>& per_stage) {
  json out = json::object();
  for (const auto& [key, range] : per_stage) {
    const auto colon = key.find(':');
    out[key.substr(0, colon)][key.substr(colon + 1)] = money(range);
  }
  return out;
}

json closed_json(const std::vector<ClosedRange>& closed) {
  json out = json::array();
  for (const auto& range : closed) {
    if (range.from == range.to) {
      out.push_back(format_date(range.from));
    } else {
      out.push_back({{"from", format_date(range.from)}, {"to", format_date(range.to)}});
    }
  }
  return out;
}

json deposit_json(const Deposit& deposit) {
  if (deposit.percent) return {{"percent", *deposit.percent}};
  if (deposit.amount) return *deposit.amount;
  return nullptr;
}

}  // namespace

json clinic_json(const ClinicInfo& clinic) {
  return {{"name", clinic.name},
          {"email", clinic.email},
          {"phone", clinic.phone},
          {"address", clinic.address},
          {"timezone", clinic.timezone},
          {"privacy_url", clinic.privacy_url},
          {"booking_url", clinic.booking_url},
          {"practitioner_copy", clinic.practitioner_copy}};
}

json locales_json(const Config& config) {
  return {{"default", config.default_locale}, {"available", config.available_locales}};
}

json config_document_json(const Config& config) {
  json weekdays = json::array();
  for (size_t day = 0; day < kWeekdays.size(); ++day) {
    if (config.sessions.open_weekdays[day]) weekdays.push_back(std::string(kWeekdays[day]));
  }
  const auto& pricing = config.pricing;
  const auto& lead = config.lead;
  json document = {
      {"schema", "smp-consult/config@1"},
      {"clinic", clinic_json(config.clinic)},
      {"locales", locales_json(config)},
      {"screening",
       {{"min_age", config.screening.min_age},
        {"allow_minor_with_guardian_consent", config.screening.allow_minor_with_guardian_consent},
        {"keloid_policy", policy_name(config.screening.keloid_policy)},
        {"chronic_controlled_policy", policy_name(config.screening.chronic_controlled_policy)},
        {"diabetes_policy", config.screening.diabetes_any ? "any" : "uncontrolled_only"},
        {"chemo_wait_months", config.screening.chemo_wait_months},
        {"scar_maturity_months", config.screening.scar_maturity_months},
        {"alopecia_stable_months", config.screening.alopecia_stable_months},
        {"isotretinoin_wait_months", config.screening.isotretinoin_wait_months}}},
      {"sessions",
       {{"interval_days", config.sessions.interval_days},
        {"max", config.sessions.max},
        {"booking_lead_days", config.sessions.booking_lead_days},
        {"planned_default", config.sessions.planned_default},
        {"open_weekdays", weekdays},
        {"closed_dates", closed_json(config.sessions.closed_dates)}}},
      {"pricing",
       {{"model", model_name(pricing.model)},
        {"currency", pricing.currency},
        {"round_to", pricing.round_to},
        {"per_session_rate", money(pricing.per_session_rate)},
        {"scar_addon_factor", pricing.scar_addon_factor_bp / 10000.0},
        {"consultation_fee", pricing.consultation_fee},
        {"deposit", deposit_json(pricing.deposit)},
        {"touch_up_price", money(pricing.touch_up_price)},
        {"packages", packages_json(pricing.packages)},
        {"per_stage", per_stage_json(pricing.per_stage)}}},
      {"precare",
       {{"wash", wash_name(config.precare.wash)},
        {"substances_days_before", config.precare.substances_days_before},
        {"sun_chemicals_days_before", config.precare.sun_chemicals_days_before},
        {"shave_days_before", config.precare.shave_days_before},
        {"patch_test_days_before", config.precare.patch_test_days_before}}},
      {"aftercare",
       {{"shaving", config.aftercare.shaving},
        {"washing_shampoo", config.aftercare.washing_shampoo},
        {"creams_moisturiser", config.aftercare.creams_moisturiser},
        {"vigorous_exercise", config.aftercare.vigorous_exercise},
        {"hot_showers", config.aftercare.hot_showers},
        {"picking", config.aftercare.picking},
        {"pools_sauna_tanning", config.aftercare.pools_sauna_tanning},
        {"direct_sun", config.aftercare.direct_sun}}},
      {"touch_up", {{"interval_years", config.touch_up_interval_years}}},
      {"longevity", {{"copy", config.longevity_copy}}},
      {"copy", config.copy},
      {"lead",
       {{"endpoint", lead.endpoint},
        {"fallback_email", lead.fallback_email},
        {"to", lead.to},
        {"from", lead.from},
        {"phone", field_policy_name(lead.phone)},
        {"marketing_opt_in", lead.marketing_opt_in},
        {"confirm_to_visitor", lead.confirm_to_visitor},
        {"allowed_origins", lead.allowed_origins},
        {"frame_ancestors", lead.frame_ancestors},
        {"min_fill_seconds", lead.min_fill_seconds},
        {"rate_limit_per_minute", lead.rate_limit_per_minute},
        {"smtp_url", lead.smtp_url},
        {"trusted_proxies", lead.trusted_proxies}}},
      {"theme", config.theme},
  };
  return document;
}

json config_choices_json() {
  json currencies = json::array();
  for (size_t at = 0; at + 3 <= kCurrencies.size(); at += 4) {
    currencies.push_back(std::string(kCurrencies.substr(at, 3)));
  }
  return {
      {"/locales/available", names(supported_locales())},
      {"/locales/default", names(supported_locales())},
      {"/screening/keloid_policy", names(kKeloidPolicies)},
      {"/screening/chronic_controlled_policy", names(kChronicPolicies)},
      {"/screening/diabetes_policy", names(kDiabetesPolicies)},
      {"/sessions/open_weekdays", names(kWeekdays)},
      {"/pricing/model", names(kPricingModels)},
      {"/pricing/currency", currencies},
      {"/precare/wash", names(kWashRules)},
      {"/lead/phone", names(kFieldPolicies)},
      {"/pricing/per_stage/norwood", names(kNorwoodStages)},
      {"/pricing/per_stage/ludwig", names(kLudwigStages)},
  };
}

}  // namespace smp
