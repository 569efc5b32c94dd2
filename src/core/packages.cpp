// Which packages a visitor needs (DOMAIN 3.4, 3.6 rule 1) and what the course costs (3.5, 3.6).
// Money is integer major units; factors are basis points so 50 % stays exact.
#include <algorithm>
#include <array>

#include "smp/consultation.hpp"
#include "smp/stages.hpp"

namespace smp {
namespace {

constexpr int kFullPrice = 10000;

struct StageRow {
  std::string_view stage;
  const char* shaved;
  const char* keep_length;
};

// DOMAIN 3.4 A6/A7: Norwood stage -> package for the shaved look and for keeping length.
// VI/VII with keep_length still get the shaved-look package (advisory keep_length_not_feasible).
constexpr std::array<StageRow, 12> kNorwood{{
    {"I", nullptr, nullptr},
    {"II", "hairline", "density_light"},
    {"IIA", "hairline", "density_light"},
    {"III", "frontal", "density_light"},
    {"IIIA", "frontal", "density_light"},
    {"III_VERTEX", "front_and_crown", "density_moderate"},
    {"IV", "front_and_crown", "density_moderate"},
    {"IVA", "front_and_crown", "density_moderate"},
    {"V", "full_top", "density_extensive"},
    {"VA", "full_top", "density_extensive"},
    {"VI", "full_top", "full_top"},
    {"VII", "full_scalp", "full_scalp"},
}};

// One row per stage of the one stage list, in its order.
constexpr bool rows_follow_stages() {
  for (std::size_t i = 0; i < kNorwood.size(); ++i) {
    if (std::string_view(kNorwood[i].stage) != kNorwoodStages[i]) return false;
  }
  return kNorwood.size() == kNorwoodStages.size();
}
static_assert(rows_follow_stages(), "kNorwood must list smp::kNorwoodStages in order");

const char* density_for(std::string_view grade) {
  if (grade == "I" || grade == "mild") return "density_light";
  if (grade == "II" || grade == "moderate") return "density_moderate";
  if (grade == "III" || grade == "extensive") return "density_extensive";
  return nullptr;
}

// The first matching rule of A1–A9 gives the primary package, or nullptr for "nothing to treat".
const char* primary_for(const Answers& answers) {
  if (answers.cause == Cause::kAlopeciaTotalisUniversalis) return "full_scalp";
  if (answers.cause == Cause::kAlopeciaAreata) return "alopecia_patches";
  const Pattern& p = answers.pattern;
  switch (p.scale) {
    case Scale::kLudwig: return density_for(p.stage);
    case Scale::kDiffuse: return density_for(p.extent);
    case Scale::kCrownOnly: return "crown";
    case Scale::kNorwood:
      for (const auto& row : kNorwood) {
        if (row.stage == p.stage) {
          return answers.desired_look == Look::kKeepLength ? row.keep_length : row.shaved;
        }
      }
      return "unknown";  // scale chosen, stage not yet known
    case Scale::kNone: return nullptr;
    case Scale::kUnsure:
    case Scale::kUnanswered: return "unknown";
  }
  return nullptr;
}

const char* scar_package(ScarType type) {
  switch (type) {
    case ScarType::kFutStrip: return "scar_fut";
    case ScarType::kFueDots: return "scar_fue";
    case ScarType::kOtherSmall: return "scar_other_small";
    case ScarType::kOtherLarge: return "scar_other_large";
  }
  return "scar_other_small";
}

long long apply_factor(long long amount, int factor_bp) {
  return (amount * factor_bp + kFullPrice / 2) / kFullPrice;  // round half up
}

const PackageSpec* spec_of(const Config& config, const std::string& id) {
  const auto it = config.pricing.packages.find(id);
  return it == config.pricing.packages.end() ? nullptr : &it->second;
}

bool is_alopecia(Cause cause) {
  return cause == Cause::kAlopeciaAreata || cause == Cause::kAlopeciaTotalisUniversalis;
}

}  // namespace

std::vector<PackagePick> select_packages(const Answers& answers, const Config& config) {
  std::vector<std::string> scar_ids;
  for (const auto& scar : answers.scars) {
    const std::string id = scar_package(scar.type);
    // Several scars of one kind are one camouflage job.
    if (std::find(scar_ids.begin(), scar_ids.end(), id) == scar_ids.end()) scar_ids.push_back(id);
  }
  std::vector<PackagePick> picks;
  if (const char* primary = primary_for(answers)) {
    picks.push_back({primary, PackageRole::kPrimary, kFullPrice});
  } else if (!scar_ids.empty()) {
    // No hair-loss package: the costliest scar job is the primary, at full price.
    const auto costliest = std::max_element(
        scar_ids.begin(), scar_ids.end(), [&](const std::string& a, const std::string& b) {
          const auto *sa = spec_of(config, a), *sb = spec_of(config, b);
          return std::pair(sa->price.high, sa->price.low) <
                 std::pair(sb->price.high, sb->price.low);
        });
    picks.push_back({*costliest, PackageRole::kPrimary, kFullPrice});
    scar_ids.erase(costliest);
  }
  for (const auto& id : scar_ids) {
    picks.push_back({id, PackageRole::kAddon, config.pricing.scar_addon_factor_bp});
  }
  return picks;
}

std::optional<Estimate> estimate_course(const Answers& answers, const Screening& screening,
                                        const std::vector<PackagePick>& packages,
                                        const Config& config) {
  if (screening.verdict == Verdict::kNotSuitable || packages.empty()) return std::nullopt;
  const PackagePick& primary = packages.front();
  const PackageSpec* spec = spec_of(config, primary.id);
  if (spec == nullptr) return std::nullopt;
  const bool has_addons = packages.size() > 1;

  Estimate e;
  e.currency = config.pricing.currency;
  e.provisional = screening.verdict != Verdict::kGoodCandidate || primary.id == "unknown";

  // Sessions (3.6): +1 for add-on scars, +1 for alopecia outside the patches package, capped.
  e.sessions = spec->sessions;
  if (has_addons) e.sessions.max += 1;
  if (is_alopecia(answers.cause) && primary.id != "alopecia_patches") e.sessions.max += 1;
  e.sessions.max = std::min(e.sessions.max, config.sessions.max);
  e.sessions.min = std::min(e.sessions.min, e.sessions.max);
  e.planned_sessions = std::clamp(config.sessions.planned_default, e.sessions.min, e.sessions.max);

  e.hours = spec->hours;
  if (has_addons) e.hours.max_tenths += 10;  // scar work adds up to an hour per session
  if (spec->first_session_max_tenths) {
    e.first_session_max_tenths = std::max(*spec->first_session_max_tenths, e.hours.max_tenths);
  }

  // Price lines by the clinic's pricing model.
  switch (config.pricing.model) {
    case PricingModel::kPerSession: {
      const auto& rate = config.pricing.per_session_rate;
      e.lines.push_back(
          {primary.id, rate.low * e.planned_sessions, rate.high * e.planned_sessions});
      break;
    }
    case PricingModel::kPerStage:
    case PricingModel::kPackageByArea:
      for (const auto& pick : packages) {
        const PackageSpec* s = spec_of(config, pick.id);
        if (s == nullptr) continue;
        MoneyRange price = s->price;
        if (config.pricing.model == PricingModel::kPerStage && pick.role == PackageRole::kPrimary) {
          const auto& p = answers.pattern;
          const char* scale = p.scale == Scale::kNorwood  ? "norwood"
                              : p.scale == Scale::kLudwig ? "ludwig"
                                                          : nullptr;
          if (scale != nullptr) {
            const auto it = config.pricing.per_stage.find(std::string(scale) + ":" + p.stage);
            if (it != config.pricing.per_stage.end()) price = it->second;
          }
        }
        e.lines.push_back({pick.id, apply_factor(price.low, pick.price_factor_bp),
                           apply_factor(price.high, pick.price_factor_bp)});
      }
      break;
  }
  for (const auto& line : e.lines) {
    e.low += line.low;
    e.high += line.high;
  }
  e.touch_up = {config.pricing.touch_up_price.low * spec->touch_up_sessions.min,
                config.pricing.touch_up_price.high * spec->touch_up_sessions.max};
  e.consultation_fee = config.pricing.consultation_fee;
  const Deposit& deposit = config.pricing.deposit;
  if (deposit.amount) e.deposit = *deposit.amount;
  if (deposit.percent) e.deposit = e.low * *deposit.percent / 100;
  return e;
}

}  // namespace smp
