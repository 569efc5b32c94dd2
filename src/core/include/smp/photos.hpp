#pragma once
// Scalp photos (SPEC §8): which views the core asks a visitor for, and the rules a lead's photos
// must meet. The widget lists these views; the relay refuses any other.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "smp/answers.hpp"
#include "smp/config.hpp"
#include "smp/diagnostic.hpp"

namespace smp {

/// The most photos one lead may carry (SPEC §8).
inline constexpr int kMaxPhotosPerLead = 8;
/// The widget downscales every photo to at most this long side before the check and the upload.
inline constexpr int kPhotoMaxLongSidePx = 1600;

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

/// One photo's pixels as the widget's canvas (RGBA) or a decoder (luma, RGB) gives them: rows top
/// to bottom, no padding.
struct PhotoPixels {
  std::span<const std::uint8_t> bytes;
  int width = 0;
  int height = 0;
  int channels = 4;  ///< 1 luma, 3 RGB, 4 RGBA (alpha ignored)
};

/// Blur is measured on the luma resampled to this long side (area average down, linear up), so
/// `photos.blur_variance_below` means the same detail per field of view for any photo size.
inline constexpr int kPhotoBlurWorkingSide = 512;

/// What the quality check measured; luma 0–255 (BT.601).
struct PhotoMeasures {
  int width = 0;
  int height = 0;
  double mean_luma = 0;
  /// Variance of the 4-neighbour Laplacian of the luma at kPhotoBlurWorkingSide.
  double blur_variance = 0;
};

struct PhotoIssue {
  std::string code;     ///< too_small | too_dark | overexposed | blurry
  std::string message;  ///< catalogue text `photos.quality.<code>`
};

struct PhotoQuality {
  PhotoMeasures measures;
  std::vector<PhotoIssue> issues;  ///< empty: the photo is fine
};

/// Measures a photo; diagnostics (pointer "/pixels", code invalid_pixels) when the sizes and the
/// byte count do not agree.
Result<PhotoMeasures> measure_photo(const PhotoPixels& pixels);

/// The issue codes of these measures under the clinic's thresholds, in the order too_small,
/// too_dark | overexposed, blurry. A photo too dark or too bright is not also called blurry: its
/// low contrast comes from the light, and the light is what the visitor must fix.
std::vector<std::string> photo_issue_codes(const PhotoMeasures& measures,
                                           const PhotosConfig& photos);

/// The on-device quality check (SPEC §8): measures, then issues with texts in `locale`.
Result<PhotoQuality> check_photo_quality(const PhotoPixels& pixels, const Config& config,
                                         const std::string& locale);

}  // namespace smp
