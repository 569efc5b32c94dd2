#include "smp/server/static_files.hpp"

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace smp::server {

std::string content_type_for(std::string_view path) {
  const auto dot = path.rfind('.');
  const std::string ext = dot == std::string_view::npos ? "" : std::string(path.substr(dot + 1));
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json; charset=utf-8";
  if (ext == "wasm") return "application/wasm";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "webp") return "image/webp";
  if (ext == "ico") return "image/x-icon";
  if (ext == "txt" || ext == "md") return "text/plain; charset=utf-8";
  if (ext == "ics") return "text/calendar; charset=utf-8";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  return "application/octet-stream";
}

std::optional<std::string> resolve_static_path(const std::string& root, std::string_view url_path) {
  namespace fs = std::filesystem;
  std::string relative;
  size_t start = 0;
  while (start <= url_path.size()) {
    size_t end = url_path.find('/', start);
    if (end == std::string_view::npos) end = url_path.size();
    const std::string_view segment = url_path.substr(start, end - start);
    start = end + 1;
    if (segment.empty() || segment == ".") continue;
    // "..", hidden files (.git, .env) and anything odd are simply not there.
    if (segment.front() == '.' || segment.find('\\') != std::string_view::npos ||
        segment.find('\0') != std::string_view::npos) {
      return std::nullopt;
    }
    if (!relative.empty()) relative += '/';
    relative.append(segment);
  }
  std::error_code ec;
  const fs::path base = fs::canonical(root, ec);
  if (ec) return std::nullopt;
  fs::path candidate = relative.empty() ? base : base / relative;
  if (fs::is_directory(candidate, ec)) candidate /= "index.html";
  const fs::path resolved = fs::canonical(candidate, ec);
  if (ec || !fs::is_regular_file(resolved, ec)) return std::nullopt;
  // Symlinks must not lead outside the served folder.
  const auto base_text = base.string() + "/";
  if (resolved.string().rfind(base_text, 0) != 0) return std::nullopt;
  return resolved.string();
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return buffer.str();
}

std::string gzip_compress(std::string_view data) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return "";
  }
  std::string out;
  out.resize(deflateBound(&stream, static_cast<uLong>(data.size())) + 32);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return rc == Z_STREAM_END ? out : "";
}

}  // namespace smp::server
