#include "smp/server/http_server.hpp"

#include <strings.h>

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string_view>

#include "smp/markup_text.hpp"
#include "smp/server/static_files.hpp"
#include "smp/server/timestamps.hpp"

namespace smp::server {
namespace {

ApiRequest api_request(const HttpRequest& req) {
  ApiRequest request;
  request.body = req.body;
  request.content_type = req.header("Content-Type");
  request.origin = req.header("Origin");
  request.host = req.header("Host");
  request.remote_addr = req.remote_addr;
  request.x_forwarded_for = req.header_values("X-Forwarded-For");
  request.forwarded = req.header_values("Forwarded");
  request.now_ms = now_ms();
  return request;
}

HttpReply reply_of(const ApiResponse& response) {
  HttpReply reply;
  reply.status = response.status;
  reply.content_type = "application/json";
  for (const auto& [name, value] : response.headers) {
    if (name == "Content-Type")
      reply.content_type = value;
    else
      reply.headers.emplace_back(name, value);
  }
  if (response.status == 204)
    reply.content_type.clear();
  else
    reply.body = response.body;
  return reply;
}

HttpReply json_reply(int status, const std::string& body) {
  return {status, "application/json", body, {}};
}

// A precompressed sibling (scripts/build-web writes `<file>.gz` with zopfli, smaller than zlib's
// best, and `<file>.br` with brotli), when it is at least as new as the file itself: a clinic that
// edits a file without recompressing gets the fresh file compressed here instead (gzip only).
std::optional<std::string> fresh_sibling(const std::string& path, std::string_view extension) {
  namespace fs = std::filesystem;
  const std::string sibling = path + std::string(extension);
  std::error_code error;
  const auto file_time = fs::last_write_time(path, error);
  if (error) return std::nullopt;
  const auto sibling_time = fs::last_write_time(sibling, error);
  if (error || sibling_time < file_time) return std::nullopt;
  return read_file(sibling);
}

// Compressing the wasm module on every request would cost more CPU than serving it; keep the
// last few results, keyed by path and content.
std::string cached_gzip(const std::string& path, const std::string& data) {
  static std::mutex mutex;
  static std::map<std::string, std::pair<std::size_t, std::string>> cache;  // path -> (hash, gz)
  const std::size_t hash = std::hash<std::string>{}(data);
  {
    std::lock_guard lock(mutex);
    const auto it = cache.find(path);
    if (it != cache.end() && it->second.first == hash) return it->second.second;
  }
  std::string compressed = gzip_compress(data);
  std::lock_guard lock(mutex);
  if (cache.size() >= 16) cache.clear();
  cache[path] = {hash, compressed};
  return compressed;
}

// Whether an Accept-Encoding value lists `coding` without refusing it ("br;q=0"): tokens between
// commas, compared without case, parameters after ';' (RFC 9110 §12.5.3).
bool accepts_coding(std::string_view header, std::string_view coding) {
  constexpr std::string_view kSpace = " \t";
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const std::size_t semicolon = item.find(';');
    std::string_view name = item.substr(0, semicolon);
    const std::size_t first = name.find_first_not_of(kSpace);
    if (first == std::string_view::npos) continue;
    name = name.substr(first, name.find_last_not_of(kSpace) - first + 1);
    if (name.size() != coding.size() || strncasecmp(name.data(), coding.data(), coding.size()) != 0)
      continue;
    if (semicolon == std::string_view::npos) return true;
    std::string params(item.substr(semicolon + 1));
    std::erase_if(params, [](char c) { return c == ' ' || c == '\t'; });
    // q=0, q=0.0, q=0.00, q=0.000: refused; any other weight accepts it.
    const bool refused = params.size() >= 3 && (params[0] == 'q' || params[0] == 'Q') &&
                         params[1] == '=' && params[2] == '0' &&
                         params.find_first_not_of("0.", 3) == std::string::npos;
    return !refused;
  }
  return false;
}

// Text types are compressed as cpp-httplib, the relay's earlier library, did; everything else
// (images, fonts) is compressed already.
bool compressible(const std::string& type) {
  return type.rfind("text/", 0) == 0 || type.rfind("application/javascript", 0) == 0 ||
         type.rfind("application/json", 0) == 0 || type.rfind("image/svg+xml", 0) == 0 ||
         type.rfind("application/xml", 0) == 0 || type == "application/wasm";
}

HttpReply serve_file(const std::string& root, const std::string& relative, const HttpRequest& req) {
  const auto path = resolve_static_path(root, relative);
  const auto data = path ? read_file(*path) : std::nullopt;
  if (!data) return {404, "text/plain; charset=utf-8", "Not found\n", {}};
  HttpReply reply{200,
                  content_type_for(*path),
                  *data,
                  {{"Cache-Control", "no-cache"}, {"X-Content-Type-Options", "nosniff"}}};
  if (compressible(reply.content_type)) {
    reply.headers.emplace_back("Vary", "Accept-Encoding");
    const std::string accepted = req.header("Accept-Encoding");
    // Brotli only from a sibling build-web wrote (the relay links no brotli encoder).
    const auto brotli = accepts_coding(accepted, "br") ? fresh_sibling(*path, ".br") : std::nullopt;
    if (brotli) {
      reply.headers.emplace_back("Content-Encoding", "br");
      reply.body = *brotli;
    } else if (accepts_coding(accepted, "gzip")) {
      const auto sibling = fresh_sibling(*path, ".gz");
      std::string compressed = sibling ? *sibling : cached_gzip(*path, *data);
      if (!compressed.empty()) {
        reply.headers.emplace_back("Content-Encoding", "gzip");
        reply.body = std::move(compressed);
      }
    }
  }
  return reply;
}

bool is_safe_csp_source(const std::string& source) {
  if (source.empty()) return false;
  for (char c : source) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == ';' || c == ',' || c == '"') return false;
  }
  return true;
}

}  // namespace

std::string frame_ancestors_value(const std::vector<std::string>& sources) {
  std::string out;
  for (const auto& source : sources) {
    if (!is_safe_csp_source(source)) continue;  // never let config break out of the directive
    out += (out.empty() ? "" : " ") + source;
  }
  return out;
}

std::string embed_csp(const std::string& frame_ancestors) {
  // Trusted Types too: the widget has no HTML or script sink, so nothing may create one.
  return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
         "object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; "
         "trusted-types 'none'; frame-ancestors " +
         (frame_ancestors.empty() ? std::string("'self'") : frame_ancestors);
}

std::string embed_page(const std::string& clinic_name, const std::string& locale) {
  const std::string lang = locale.empty() ? "en" : locale;
  std::string page = "<!DOCTYPE html>\n<html lang=\"" + markup_escaped(lang) + "\">\n<head>\n";
  page += "<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += "<title>" + markup_escaped(clinic_name) + "</title>\n";
  page += "<script type=\"module\" src=\"/smp/smp-consult.js\"></script>\n</head>\n<body>\n";
  page += "<smp-consultation config=\"/smp/clinic.json\"";
  if (!locale.empty()) page += " locale=\"" + markup_escaped(locale) + "\"";
  page += ">\n<p>" + markup_escaped(clinic_name) + "</p>\n</smp-consultation>\n</body>\n</html>\n";
  return page;
}

int bind_http_server(HttpServer& server, const std::string& host, int port) {
  return server.start(host, port);
}

std::unique_ptr<HttpServer> make_http_server(const HttpOptions& options, LeadService& leads,
                                             Outbox& outbox) {
  auto server = std::make_unique<HttpServer>();
  server->set_body_limit(kMaxLeadBytes);
  // A lead with photos (SPEC §8) may be larger; only that one route and type is read that far.
  server->set_large_body_limit(kMaxPhotoLeadBytes, [](const HttpRequest& head) {
    const std::string type = head.header("Content-Type");
    return head.method == "POST" && head.path == "/api/leads" && type.size() >= 19 &&
           ::strncasecmp(type.c_str(), "multipart/form-data", 19) == 0;
  });
  // The body is read raw and parsed by the service (lead_body.cpp), so a wrong content type
  // reaches it and gets its 415; an oversize one its 413, after the CORS checks.
  server->route("POST", "/api/leads", [&leads](const HttpRequest& req) {
    ApiRequest request = api_request(req);
    request.body_too_large = req.body_too_large;
    return reply_of(leads.post(request));
  });
  server->route("OPTIONS", "/api/leads", [&leads](const HttpRequest& req) {
    return reply_of(leads.preflight(api_request(req)));
  });
  server->route("GET", "/api/leads", [](const HttpRequest&) {
    HttpReply reply =
        json_reply(405, json_error("method_not_allowed", "POST a lead as application/json"));
    reply.headers.emplace_back("Allow", "POST, OPTIONS");
    return reply;
  });
  server->route("GET", "/healthz", [&outbox](const HttpRequest&) {
    const OutboxCounts counts = outbox.counts();
    nlohmann::json body = {{"status", "ok"},
                           {"outbox",
                            {{"queued", counts.queued},
                             {"sending", counts.sending},
                             {"retry", counts.retry},
                             {"sent", counts.sent},
                             {"dead", counts.dead},
                             {"held", counts.held},
                             {"cancelled", counts.cancelled},
                             {"disabled", counts.disabled}}}};
    HttpReply reply = json_reply(200, body.dump());
    reply.headers.emplace_back("Cache-Control", "no-store");
    return reply;
  });
  const std::string public_config = options.public_config;
  server->route("GET", "/smp/clinic.json", [public_config](const HttpRequest&) {
    return HttpReply{
        200, "application/json; charset=utf-8", public_config, {{"Cache-Control", "no-cache"}}};
  });
  const std::string csp = embed_csp(options.frame_ancestors);
  const std::string clinic_name = options.clinic_name;
  const std::vector<std::string> locales = options.locales;
  server->route("GET", "/embed", [csp, clinic_name, locales](const HttpRequest& req) {
    std::string locale;
    const std::string requested = req.param("locale");
    for (const auto& l : locales) {
      if (l == requested) locale = l;
    }
    return HttpReply{200,
                     "text/html; charset=utf-8",
                     embed_page(clinic_name, locale),
                     {{"Content-Security-Policy", csp},
                      {"X-Content-Type-Options", "nosniff"},
                      {"Referrer-Policy", "strict-origin-when-cross-origin"},
                      {"Cache-Control", "no-cache"}}};
  });
  const std::string widget_dir = options.widget_dir;
  server->route("GET", "/smp/", [widget_dir](const HttpRequest& req) {
    return serve_file(widget_dir, req.path.substr(5), req);
  });
  const std::string setup_dir = options.setup_dir;
  // The studio loads its files by relative URL, so its address must end in a slash.
  server->route("GET", "/setup", [](const HttpRequest&) {
    return HttpReply{301, "", "", {{"Location", "/setup/"}}};
  });
  server->route("GET", "/setup/", [setup_dir](const HttpRequest& req) {
    return serve_file(setup_dir, req.path.substr(7), req);
  });
  const std::string site_dir = options.site_dir;
  server->route("GET", "/", [site_dir](const HttpRequest& req) {
    return serve_file(site_dir, req.path.substr(1), req);
  });
  return server;
}

}  // namespace smp::server
