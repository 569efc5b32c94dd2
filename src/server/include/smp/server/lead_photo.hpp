#pragma once
// A scalp photo as the relay stores and emails it (SPEC §8): verified, stripped of metadata,
// always a JPEG, keyed by its lead (table `photos`).
#include <cstddef>
#include <string>

namespace smp::server {

/// At most this many bytes per photo part, and per multipart lead in all (photos included).
inline constexpr std::size_t kMaxPhotoBytes = 3 * 1024 * 1024;
inline constexpr std::size_t kMaxPhotoLeadBytes = 20 * 1024 * 1024;

struct LeadPhoto {
  std::string view;  ///< one of the core's photo_views() ids: front, top, scar_1, …
  std::string content_type = "image/jpeg";
  std::string bytes;
  int width = 0;
  int height = 0;
  /// The attachment's file name: "<view>.jpg".
  std::string filename() const { return view + ".jpg"; }
};

}  // namespace smp::server
