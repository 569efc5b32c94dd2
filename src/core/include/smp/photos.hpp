#pragma once
// Scalp photos (SPEC §8): which views the core asks a visitor for, and the rules a lead's photos
// must meet. The widget lists these views; the relay refuses any other.
#include <string>
#include <vector>

#include "smp/answers.hpp"
#include "smp/config.hpp"
#include "smp/diagnostic.hpp"

namespace smp {

/// The most photos one lead may carry (SPEC §8).
inline constexpr int kMaxPhotosPerLead = 8;

struct PhotoView {
  /// Stable id, also the photo part's file name without ".jpg": front, left, right, top, crown,
  /// back, scar_1 … scar_N (one per scar entered, in answer order).
  std::string id;
  /// The catalogue key of its title; "{key}.help" is the instruction. Scars share
  /// "photos.view.scar" with the parameter {n}.
  std::string message_key;
  int scar_number = 0;  ///< 1-based for scar views, else 0
};

/// The views that let the clinic quote for these answers, most useful first, at most
/// kMaxPhotosPerLead: hairline and temples for early Norwood stages, top and crown for vertex and
/// crown patterns, the whole head for advanced, diffuse or unknown patterns, and each scar.
std::vector<PhotoView> photo_views(const Answers& answers);

/// Checks the photos a lead carries, given as their view ids in part order, against the consent
/// and the views the core asks for. Every problem has the pointer `/photos/<index>`; codes:
/// photos_disabled, photos_consent_missing, photo_view_unknown, photo_view_repeated,
/// too_many_photos. Messages are in `locale`.
Diagnostics check_lead_photos(const std::vector<std::string>& views, bool photos_consent,
                              const Answers& answers, const Config& config,
                              const std::string& locale);

}  // namespace smp
