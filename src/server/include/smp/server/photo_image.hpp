#pragma once
// A photo as the relay keeps it (SPEC §8): verified as a real JPEG or PNG by decoding it with
// libjpeg-turbo / libpng, and rewritten without metadata whatever the browser claims to have
// removed. The result is always a baseline JPEG, as the clinic's email attaches it.
#include <string>
#include <string_view>

namespace smp::server {

/// Larger images are refused before their pixels are decoded (decompression bombs): at most this
/// many pixels on a side, and this many in all (a 24-megapixel camera's full size).
inline constexpr int kMaxPhotoSidePx = 10000;
inline constexpr long long kMaxPhotoPixels = 25'000'000;

struct CleanedPhoto {
  bool ok = false;
  std::string code;     ///< on failure: photo_not_an_image, photo_corrupt, photo_too_many_pixels
  std::string message;  ///< on failure, in English (the relay's own wording)
  std::string jpeg;     ///< the cleaned image
  int width = 0;
  int height = 0;
};

/// Decodes `data` (a JPEG or PNG, told apart by its magic bytes) and returns it as a JPEG without
/// metadata. A JPEG is rewritten losslessly from its DCT coefficients (like `jpegtran -copy icc`):
/// every APPn segment but JFIF and the ICC colour profile, and every comment, are gone. A JPEG
/// whose Exif orientation turns or mirrors it (2..8: a camera's photo posted without the widget,
/// which sends upright pixels) is decoded, turned upright and encoded again (quality 92), so it
/// shows the right way up without its Exif. A PNG is decoded, laid
/// on white where it is transparent and encoded as a JPEG (quality 92), so none of its text,
/// eXIf or time chunks survive. Any decoder warning (a truncated or damaged file) refuses it.
CleanedPhoto clean_photo(std::string_view data);

}  // namespace smp::server
