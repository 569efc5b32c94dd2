#pragma once
// Static files (demo site, built widget): safe path resolution, content types, no listings.
#include <optional>
#include <string>
#include <string_view>

namespace smp::server {

/// Content type for a file name by extension (application/wasm, text/javascript, …).
std::string content_type_for(std::string_view path);

/// Resolves a URL path (already percent-decoded, relative to the mount) under `root`:
/// nullopt for "..", NUL, backslashes, hidden files or anything escaping `root` after
/// symlinks; a directory resolves to its index.html, never to a listing.
std::optional<std::string> resolve_static_path(const std::string& root, std::string_view url_path);

/// Reads a whole file; nullopt when it cannot.
std::optional<std::string> read_file(const std::string& path);

/// gzip (RFC 1952) of `data`; "" on failure.
std::string gzip_compress(std::string_view data);

}  // namespace smp::server
