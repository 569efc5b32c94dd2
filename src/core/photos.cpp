// Which scalp photos the core asks for, and the rules for the photos a lead carries.
#include "smp/photos.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "smp/messages.hpp"

namespace smp {
namespace {

enum class Coverage { kHairline, kHairlineAndCrown, kTop, kCrown, kWholeHead };

// Norwood I–III recede at the front and temples; III vertex adds the crown; from IV the whole top
// is involved and the clinic also wants the donor/back area for density matching (DOMAIN 3.4).
Coverage coverage_of(const Answers& answers) {
  if (answers.cause == Cause::kAlopeciaAreata ||
      answers.cause == Cause::kAlopeciaTotalisUniversalis ||
      answers.cause == Cause::kChemotherapy) {
    return Coverage::kWholeHead;
  }
  const Pattern& pattern = answers.pattern;
  switch (pattern.scale) {
    case Scale::kNorwood: {
      static constexpr std::array<std::string_view, 5> kEarly{"I", "II", "IIA", "III", "IIIA"};
      if (std::find(kEarly.begin(), kEarly.end(), pattern.stage) != kEarly.end()) {
        return Coverage::kHairline;
      }
      if (pattern.stage == "III_VERTEX") return Coverage::kHairlineAndCrown;
      return Coverage::kWholeHead;
    }
    case Scale::kLudwig: return Coverage::kTop;
    case Scale::kCrownOnly: return Coverage::kCrown;
    case Scale::kDiffuse:
    case Scale::kNone:
    case Scale::kUnsure:
    case Scale::kUnanswered: return Coverage::kWholeHead;
  }
  return Coverage::kWholeHead;
}

std::vector<std::string_view> area_views(Coverage coverage) {
  switch (coverage) {
    case Coverage::kHairline: return {"front", "left", "right"};
    case Coverage::kHairlineAndCrown: return {"front", "left", "right", "top", "crown"};
    case Coverage::kTop: return {"top", "front", "crown"};
    case Coverage::kCrown: return {"crown", "top"};
    case Coverage::kWholeHead: return {"front", "top", "crown", "left", "right", "back"};
  }
  return {};
}

}  // namespace

std::vector<PhotoView> photo_views(const Answers& answers) {
  const std::vector<std::string_view> areas = area_views(coverage_of(answers));
  // Each scar gets its own view (scar camouflage is quoted from it); the area views give way to
  // scars down to two, so the list never passes kMaxPhotosPerLead.
  const int scars = std::min<int>(static_cast<int>(answers.scars.size()), kMaxPhotosPerLead - 2);
  const size_t area_count =
      std::min(areas.size(), static_cast<size_t>(std::max(2, kMaxPhotosPerLead - scars)));
  std::vector<PhotoView> views;
  for (size_t i = 0; i < area_count; ++i) {
    const std::string id(areas[i]);
    views.push_back(PhotoView{id, "photos.view." + id, 0});
  }
  for (int n = 1; n <= scars; ++n) {
    views.push_back(PhotoView{"scar_" + std::to_string(n), "photos.view.scar", n});
  }
  return views;
}

Diagnostics check_lead_photos(const std::vector<std::string>& views, bool photos_consent,
                              const Answers& answers, const Config& config,
                              const std::string& locale) {
  Diagnostics errors;
  if (views.empty()) return errors;
  const Messages messages(config, resolve_locale(config, locale));
  const auto report = [&](size_t index, const std::string& code) {
    errors.push_back(Diagnostic{"/photos/" + std::to_string(index), code,
                                messages.text("photos.error." + code)});
  };
  if (!config.photos.enabled || !photos_consent) {
    for (size_t i = 0; i < views.size(); ++i) {
      report(i, config.photos.enabled ? "photos_consent_missing" : "photos_disabled");
    }
    return errors;
  }
  const std::vector<PhotoView> asked = photo_views(answers);
  std::vector<std::string> seen;
  for (size_t i = 0; i < views.size(); ++i) {
    if (i >= static_cast<size_t>(kMaxPhotosPerLead)) {
      report(i, "too_many_photos");
    } else if (std::none_of(asked.begin(), asked.end(),
                            [&](const PhotoView& v) { return v.id == views[i]; })) {
      report(i, "photo_view_unknown");
    } else if (std::find(seen.begin(), seen.end(), views[i]) != seen.end()) {
      report(i, "photo_view_repeated");
    }
    seen.push_back(views[i]);
  }
  return errors;
}

}  // namespace smp
