// The consultation as result JSON (SPEC §4), with every text resolved in the visitor's locale.
#include <algorithm>

#include "smp/consultation.hpp"
#include "smp/date_text.hpp"
#include "smp/ics.hpp"
#include "smp/messages.hpp"
#include "smp/money.hpp"

namespace smp {
namespace {

using nlohmann::json;

// Hours are kept in tenths; JSON shows 3 or 2.5.
json hours_json(int tenths) {
  if (tenths % 10 == 0) return tenths / 10;
  return tenths / 10.0;
}

json range_json(HoursRange hours) {
  return {{"min", hours_json(hours.min_tenths)}, {"max", hours_json(hours.max_tenths)}};
}

json date_or_null(const std::optional<Date>& date) {
  return date ? json(format_date(*date)) : json(nullptr);
}

MessageParams reason_params(const Config& config, const Reason& reason) {
  const auto& s = config.screening;
  int months = 0;
  if (reason.code == "chemotherapy_active_or_recent") months = s.chemo_wait_months;
  if (reason.code == "recent_hair_transplant_or_immature_scar") months = s.scar_maturity_months;
  if (reason.code == "alopecia_not_stable") months = s.alopecia_stable_months;
  if (reason.code == "recent_isotretinoin") months = s.isotretinoin_wait_months;
  return {{"min_age", std::to_string(s.min_age)},
          {"months", std::to_string(months)},
          {"days", std::to_string(config.precare.patch_test_days_before)}};
}

MessageParams care_params(const Config& config, const CareItem& item) {
  return {{"days", std::to_string(item.day < 0 ? -item.day : item.day)},
          {"shave_days", std::to_string(config.precare.shave_days_before)}};
}

// The figures every channel shows (SPEC §8): price ranges to the nearest round_to; a configured
// deposit amount and the consultation fee exactly (they are what the visitor pays); a percentage
// deposit as that share of the shown low figure, so the two agree on screen.
json display_json(const Estimate& e, const Config& config, const Messages& messages) {
  const int round_to = config.pricing.round_to;
  auto range = [&](long long low, long long high) {
    const long long shown_low = round_for_display(low, round_to);
    const long long shown_high = round_for_display(high, round_to);
    return json{{"low", shown_low},
                {"high", shown_high},
                {"low_text", format_money(shown_low, e.currency, messages)},
                {"high_text", format_money(shown_high, e.currency, messages)},
                {"text", format_money_range(shown_low, shown_high, e.currency, messages)}};
  };
  auto amount = [&](long long value) {
    return json{{"amount", value}, {"text", format_money(value, e.currency, messages)}};
  };
  json out = range(e.low, e.high);
  out["round_to"] = round_to;
  json lines = json::array();
  for (const auto& line : e.lines) {
    json item = range(line.low, line.high);
    item["package"] = line.package;
    lines.push_back(item);
  }
  out["lines"] = lines;
  out["touch_up"] = range(e.touch_up.low, e.touch_up.high);
  out["consultation_fee"] = e.consultation_fee > 0 ? amount(e.consultation_fee) : json(nullptr);
  json deposit = nullptr;
  if (e.deposit && config.pricing.deposit.percent) {
    deposit = amount(out["low"].get<long long>() * *config.pricing.deposit.percent / 100);
  } else if (e.deposit) {
    deposit = amount(*e.deposit);
  }
  out["deposit"] = deposit;
  return out;
}

json estimate_json(const Estimate& e, const Config& config, const Messages& messages) {
  json lines = json::array();
  for (const auto& line : e.lines) {
    lines.push_back({{"package", line.package},
                     {"name", messages.text("package." + line.package)},
                     {"low", line.low},
                     {"high", line.high}});
  }
  return {{"provisional", e.provisional},
          {"currency", e.currency},
          {"round_to", config.pricing.round_to},
          {"low", e.low},
          {"high", e.high},
          {"lines", lines},
          {"sessions",
           {{"min", e.sessions.min}, {"max", e.sessions.max}, {"planned", e.planned_sessions}}},
          {"hours_per_session", range_json(e.hours)},
          {"touch_up", {{"low", e.touch_up.low}, {"high", e.touch_up.high}}},
          {"consultation_fee", e.consultation_fee},
          {"deposit", e.deposit ? json(*e.deposit) : json(nullptr)},
          {"display", display_json(e, config, messages)}};
}

json plan_json(const Plan& plan, const Config& config, const Messages& messages) {
  json sessions = json::array();
  for (const auto& s : plan.sessions) {
    json item = {{"number", s.number},
                 {"hours", range_json(s.hours)},
                 {"full_day", s.full_day},
                 {"if_needed", s.if_needed}};
    if (s.date) item["date"] = format_date(*s.date);
    sessions.push_back(item);
  }
  json precare = json::array();
  for (const auto& c : plan.precare) {
    json item = {{"session", c.session},
                 {"day", c.day},
                 {"code", c.code},
                 {"message", messages.text("precare." + c.code, care_params(config, c))}};
    if (c.date) item["date"] = format_date(*c.date);
    precare.push_back(item);
  }
  json aftercare = json::array();
  for (const auto& c : plan.aftercare) {
    json item = {{"code", c.code},
                 {"after_session", c.session},
                 {"day", c.day},
                 {"message", messages.text("aftercare." + c.code, care_params(config, c))}};
    if (c.date) item["resume_on"] = format_date(*c.date);
    if (c.restarted_by != 0) item["restarted_by_session"] = c.restarted_by;
    aftercare.push_back(item);
  }
  json out = {{"status", plan.status == PlanStatus::kScheduled ? "scheduled" : "pending_clearance"},
              {"sessions", sessions},
              {"precare", precare},
              {"aftercare", aftercare}};
  if (plan.patch_test_by) out["patch_test_by"] = format_date(*plan.patch_test_by);
  if (plan.unrestricted_from) out["unrestricted_from"] = format_date(*plan.unrestricted_from);
  if (plan.unrestricted_from_if_needed) {
    out["unrestricted_from_if_needed"] = format_date(*plan.unrestricted_from_if_needed);
  }
  if (plan.touch_up_reminder) out["touch_up_reminder"] = format_date(*plan.touch_up_reminder);
  return out;
}

}  // namespace

Consultation evaluate(const Answers& answers, const Config& config, Date as_of) {
  Consultation c;
  c.as_of = as_of;
  c.answers = answers;
  c.screening = screen(answers, config, as_of);
  c.packages = select_packages(answers, config);
  c.estimate = estimate_course(answers, c.screening, c.packages, config);
  c.plan = plan_course(answers, c.screening, c.estimate, config, as_of);
  if (c.screening.verdict == Verdict::kNotSuitable) c.packages.clear();
  return c;
}

nlohmann::json to_json(const Consultation& c, const Config& config, const Messages& messages) {
  const Screening& s = c.screening;
  const std::string verdict = to_string(s.verdict);
  json reasons = json::array();
  for (const auto& r : s.reasons) {
    auto params = reason_params(config, r);
    // A per-answer reason names its question in the visitor's words ("medical.x" asks "x").
    const auto dot = r.subject.find('.');
    if (dot != std::string::npos) {
      params.emplace_back("question", messages.text("question." + r.subject.substr(dot + 1)));
    }
    json item = {{"code", r.code},
                 {"verdict", to_string(r.verdict)},
                 {"message", messages.text("reason." + r.code + r.variant, params)}};
    if (r.eligible_on) item["eligible_on"] = format_date(*r.eligible_on);
    if (!r.subject.empty()) item["subject"] = r.subject;
    if (!r.action.empty()) {
      item["action"] = r.action;
      item["action_message"] = messages.text("action." + r.action, params);
    }
    reasons.push_back(item);
  }
  json advisories = json::array();
  for (const auto& a : s.advisories) {
    advisories.push_back({{"code", a.code}, {"message", messages.text("advisory." + a.code)}});
  }
  json packages = json::array();
  for (const auto& p : c.packages) {
    packages.push_back(
        {{"id", p.id},
         {"role", p.role == PackageRole::kPrimary ? "primary" : "addon"},
         {"price_factor", p.price_factor_bp % 10000 == 0 ? json(p.price_factor_bp / 10000)
                                                         : json(p.price_factor_bp / 10000.0)},
         {"name", messages.text("package." + p.id)},
         {"description", messages.text("package." + p.id + ".description")}});
  }
  // The verdict's copy follows its reasons: "not yet, from <date>" for a minor (R01 leads then).
  MessageParams verdict_params{{"min_age", std::to_string(config.screening.min_age)}};
  std::string verdict_key = "verdict." + verdict;
  if (!s.verdict_variant.empty()) {
    verdict_key += "." + s.verdict_variant;
    if (s.reasons.front().eligible_on) {
      verdict_key += ".dated";
      verdict_params.emplace_back("date", long_date(*s.reasons.front().eligible_on, messages));
    }
  }
  json out = {
      {"schema", "smp-consult/result@1"},
      {"as_of", format_date(c.as_of)},
      {"locale", messages.locale()},
      {"verdict", verdict},
      {"headline", messages.text(verdict_key, verdict_params)},
      {"summary", messages.text(verdict_key + ".summary", verdict_params)},
      {"reasons", reasons},
      {"advisories", advisories},
      {"earliest_eligible_date", date_or_null(s.earliest_eligible_date)},
      {"recheck_required", s.recheck_required},
      {"packages", packages},
      {"estimate", c.estimate ? estimate_json(*c.estimate, config, messages) : json(nullptr)},
      {"plan", c.plan ? plan_json(*c.plan, config, messages) : json(nullptr)},
      // Messages::text decides the precedence of `copy` and `longevity.copy` (one place).
      {"longevity", messages.text("longevity.copy")},
      {"health_data_consent", may_share_health_data(c.answers, config, c.as_of)},
      // DOMAIN 1.10 / 3.9: what SMP is not, shown with every result on every channel.
      {"guardrails", json::array({{{"code", "no_regrowth"},
                                   {"message", messages.text("longevity.no_regrowth")}}})},
  };
  if (!s.verdict_variant.empty()) out["verdict_variant"] = s.verdict_variant;
  return out;
}

Result<nlohmann::json> evaluate_json(const nlohmann::json& answers, const Config& config,
                                     Date today, bool override_as_of, const std::string& locale) {
  Result<nlohmann::json> result;
  Date as_of = today;
  if (!override_as_of && answers.is_object()) {
    // The answers' own consultation date, when valid, is the reference for "not in the future".
    const auto it = answers.find("as_of");
    if (it != answers.end() && it->is_string()) {
      if (auto date = parse_date(it->get_ref<const std::string&>())) as_of = *date;
    }
  }
  const Messages messages(config, resolve_locale(config, locale));
  auto parsed = parse_answers(answers, as_of, Completeness::kComplete);
  if (!parsed.ok()) {
    localize_diagnostics(parsed.errors, messages);
    result.errors = std::move(parsed.errors);
    return result;
  }
  result.value = to_json(evaluate(*parsed.value, config, as_of), config, messages);
  return result;
}

std::string evaluate_ics(const nlohmann::json& answers, const Config& config, Date as_of,
                         const std::string& locale, const IcsStamp& stamp) {
  auto parsed = parse_answers(answers, as_of, Completeness::kComplete);
  if (!parsed.ok()) return "";
  const Messages messages(config, resolve_locale(config, locale));
  return plan_to_ics(evaluate(*parsed.value, config, as_of), config, messages, stamp);
}

}  // namespace smp
