// The on-device quality check of a scalp photo: exposure from the mean luma, sharpness from the
// variance of a Laplacian at a fixed working size, and the photo's size.
#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "smp/messages.hpp"
#include "smp/photos.hpp"

namespace smp {
namespace {

// Far above any phone camera (the widget sends at most 1600 px), so a hostile size is refused
// before it is multiplied.
constexpr long long kMaxPixels = 100'000'000;

// BT.601 luma in integer arithmetic (weights 77/150/29 of 256).
std::uint8_t luma_at(const std::uint8_t* p, int channels) {
  if (channels == 1) return p[0];
  return static_cast<std::uint8_t>((77 * p[0] + 150 * p[1] + 29 * p[2] + 128) >> 8);
}

// One line of `from` samples resampled to `to` samples: the average of the covered source
// interval when shrinking (every source sample counts, with its covered fraction), linear
// interpolation between sample centres when enlarging.
void resample_line(const float* in, int from, float* out, int to, std::ptrdiff_t in_step,
                   std::ptrdiff_t out_step) {
  const double scale = static_cast<double>(from) / to;
  for (int i = 0; i < to; ++i) {
    double value = 0;
    if (to <= from) {
      const double start = i * scale;
      const double end = start + scale;
      for (int s = static_cast<int>(start); s < from && s < end; ++s) {
        const double covered = std::min<double>(s + 1, end) - std::max<double>(s, start);
        value += covered * in[s * in_step];
      }
      value /= scale;
    } else {
      const double centre = std::clamp((i + 0.5) * scale - 0.5, 0.0, from - 1.0);
      const int s = static_cast<int>(centre);
      const int next = std::min(s + 1, from - 1);
      const double t = centre - s;
      value = (1 - t) * in[s * in_step] + t * in[next * in_step];
    }
    out[i * out_step] = static_cast<float>(value);
  }
}

}  // namespace

Result<PhotoMeasures> measure_photo(const PhotoPixels& pixels) {
  Result<PhotoMeasures> result;
  const int w = pixels.width;
  const int h = pixels.height;
  const int channels = pixels.channels;
  const auto problem = [&](const std::string& message) {
    result.errors.push_back(Diagnostic{"/pixels", "invalid_pixels", message});
    return result;
  };
  if (channels != 1 && channels != 3 && channels != 4) {
    return problem("channels must be 1 (luma), 3 (RGB) or 4 (RGBA)");
  }
  if (w < 1 || h < 1 || static_cast<long long>(w) * h > kMaxPixels) {
    return problem("width and height must be at least 1 and at most 100 megapixels in all");
  }
  const std::size_t expected = static_cast<std::size_t>(w) * h * channels;
  if (pixels.bytes.size() != expected) {
    return problem("expected " + std::to_string(expected) + " bytes for " + std::to_string(w) +
                   "x" + std::to_string(h) + "x" + std::to_string(channels) + ", got " +
                   std::to_string(pixels.bytes.size()));
  }

  // Working size: the long side is kPhotoBlurWorkingSide, the short side keeps the aspect.
  const int long_side = std::max(w, h);
  const double factor = static_cast<double>(kPhotoBlurWorkingSide) / long_side;
  const int ww = std::max(1, static_cast<int>(w * factor + 0.5));
  const int wh = std::max(1, static_cast<int>(h * factor + 0.5));

  // Rows first (luma of each source row resampled to ww), then columns: separable, one source
  // row of luma in memory at a time.
  std::vector<float> row(static_cast<std::size_t>(w));
  std::vector<float> rows(static_cast<std::size_t>(ww) * h);
  double sum = 0;
  const std::uint8_t* p = pixels.bytes.data();
  for (int y = 0; y < h; ++y) {
    long long row_sum = 0;
    for (int x = 0; x < w; ++x, p += channels) {
      const std::uint8_t y8 = luma_at(p, channels);
      row[x] = y8;
      row_sum += y8;
    }
    sum += static_cast<double>(row_sum);
    resample_line(row.data(), w, &rows[static_cast<std::size_t>(y) * ww], ww, 1, 1);
  }
  std::vector<float> work(static_cast<std::size_t>(ww) * wh);
  for (int x = 0; x < ww; ++x) resample_line(&rows[x], h, &work[x], wh, ww, ww);

  // Variance of the Laplacian over the interior (a sharp edge gives large responses of both
  // signs, a soft one small ones; flat areas give 0).
  double lap_sum = 0;
  double lap_sq = 0;
  long long count = 0;
  for (int y = 1; y + 1 < wh; ++y) {
    for (int x = 1; x + 1 < ww; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * ww + x;
      const double lap = work[i - 1] + work[i + 1] + work[i - ww] + work[i + ww] - 4.0 * work[i];
      lap_sum += lap;
      lap_sq += lap * lap;
      ++count;
    }
  }
  PhotoMeasures measures;
  measures.width = w;
  measures.height = h;
  measures.mean_luma = sum / (static_cast<double>(w) * h);
  if (count > 0) {
    const double mean = lap_sum / count;
    measures.blur_variance = std::max(0.0, lap_sq / count - mean * mean);
  }
  result.value = measures;
  return result;
}

std::vector<std::string> photo_issue_codes(const PhotoMeasures& measures,
                                           const PhotosConfig& photos) {
  std::vector<std::string> codes;
  if (std::max(measures.width, measures.height) < photos.min_long_side_px) {
    codes.emplace_back("too_small");
  }
  if (measures.mean_luma < photos.dark_mean_below) {
    codes.emplace_back("too_dark");
  } else if (measures.mean_luma > photos.bright_mean_above) {
    codes.emplace_back("overexposed");
  } else if (measures.blur_variance < photos.blur_variance_below) {
    codes.emplace_back("blurry");
  }
  return codes;
}

Result<PhotoQuality> check_photo_quality(const PhotoPixels& pixels, const Config& config,
                                         const std::string& locale) {
  Result<PhotoQuality> result;
  Result<PhotoMeasures> measured = measure_photo(pixels);
  if (!measured.ok()) {
    result.errors = std::move(measured.errors);
    return result;
  }
  const Messages messages(config, resolve_locale(config, locale));
  PhotoQuality quality;
  quality.measures = *measured.value;
  for (const std::string& code : photo_issue_codes(quality.measures, config.photos)) {
    quality.issues.push_back(PhotoIssue{code, messages.text("photos.quality." + code)});
  }
  result.value = std::move(quality);
  return result;
}

}  // namespace smp
