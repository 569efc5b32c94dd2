#include "smp/server/http_server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>

#include "smp/server/mime.hpp"
#include "smp/server/static_files.hpp"
#include "smp/server/timestamps.hpp"

namespace smp::server {
namespace {

constexpr time_t kReadTimeoutSeconds = 10;
constexpr time_t kWriteTimeoutSeconds = 10;
constexpr size_t kWorkerThreads = 64;

const char* error_code_for(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "request_timeout";
    case 413: return "payload_too_large";
    case 414: return "uri_too_long";
    case 415: return "unsupported_media_type";
    case 429: return "rate_limited";
    case 503: return "unavailable";
    default: return status >= 500 ? "internal_error" : "error";
  }
}

// Repeated headers are one list (RFC 9110 5.3), in the order received.
std::string all_values(const httplib::Request& req, const char* name) {
  std::string joined;
  const size_t count = req.get_header_value_count(name);
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) joined += ',';
    joined += req.get_header_value(name, i);
  }
  return joined;
}

ApiRequest api_request(const httplib::Request& req) {
  ApiRequest request;
  request.body = req.body;
  request.content_type = req.get_header_value("Content-Type");
  request.origin = req.get_header_value("Origin");
  request.host = req.get_header_value("Host");
  request.remote_addr = req.remote_addr;
  request.x_forwarded_for = all_values(req, "X-Forwarded-For");
  request.forwarded = all_values(req, "Forwarded");
  request.now_ms = now_ms();
  return request;
}

void apply(const ApiResponse& response, httplib::Response& res) {
  res.status = response.status;
  std::string type = "application/json";
  for (const auto& [name, value] : response.headers) {
    if (name == "Content-Type") type = value;
    else res.set_header(name.c_str(), value);
  }
  if (response.status == 204) return;
  res.set_content(response.body, type.c_str());
}

// A precompressed sibling (scripts/build-web writes `<file>.gz` with zopfli, smaller than zlib's
// best), when it is at least as new as the file itself: a clinic that edits a file without
// recompressing gets the fresh file compressed here instead.
std::optional<std::string> fresh_gzip_sibling(const std::string& path) {
  namespace fs = std::filesystem;
  const std::string sibling = path + ".gz";
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

void serve_file(const std::string& root, const std::string& relative, const httplib::Request& req,
                httplib::Response& res) {
  const auto path = resolve_static_path(root, relative);
  const auto data = path ? read_file(*path) : std::nullopt;
  if (!data) {
    res.status = 404;
    res.set_content("Not found\n", "text/plain; charset=utf-8");
    return;
  }
  const std::string type = content_type_for(*path);
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Content-Type-Options", "nosniff");
  // The library compresses text types itself (and would compress a precompressed body again);
  // WebAssembly, the largest download, we gzip here.
  if (type == "application/wasm" &&
      req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos) {
    const auto sibling = fresh_gzip_sibling(*path);
    const std::string compressed = sibling ? *sibling : cached_gzip(*path, *data);
    if (!compressed.empty()) {
      res.set_header("Content-Encoding", "gzip");
      res.set_header("Vary", "Accept-Encoding");
      res.set_content(compressed, type.c_str());
      return;
    }
  }
  res.set_content(*data, type.c_str());
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
  std::string page = "<!DOCTYPE html>\n<html lang=\"" + html_escape(lang) + "\">\n<head>\n";
  page += "<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += "<title>" + html_escape(clinic_name) + "</title>\n";
  page += "<script type=\"module\" src=\"/smp/smp-consult.js\"></script>\n</head>\n<body>\n";
  page += "<smp-consultation config=\"/smp/clinic.json\"";
  if (!locale.empty()) page += " locale=\"" + html_escape(locale) + "\"";
  page += ">\n<p>" + html_escape(clinic_name) + "</p>\n</smp-consultation>\n</body>\n</html>\n";
  return page;
}

int bind_http_server(httplib::Server& server, const std::string& host, int port) {
  socket_t listening = INVALID_SOCKET;
  server.set_socket_options([&listening](socket_t sock) {
    httplib::default_socket_options(sock);
    listening = sock;
  });
  int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : 0);
  server.set_socket_options(httplib::default_socket_options);
  if (bound <= 0) return 0;
  // cpp-httplib 0.11 listens with a backlog of 5, so a burst of visitors got connection resets;
  // listen() again on the bound socket raises it to the system's maximum (net.core.somaxconn).
  if (listening != INVALID_SOCKET) ::listen(listening, SOMAXCONN);
  return bound;
}

std::unique_ptr<httplib::Server> make_http_server(const HttpOptions& options, LeadService& leads,
                                                  Outbox& outbox) {
  auto server = std::make_unique<httplib::Server>();
  server->set_payload_max_length(kMaxLeadBytes);
  server->set_read_timeout(kReadTimeoutSeconds, 0);
  server->set_write_timeout(kWriteTimeoutSeconds, 0);
  server->set_keep_alive_timeout(5);
  // Headers and body go out as separate writes: without TCP_NODELAY, Nagle + delayed ACK add
  // ~40 ms to every response.
  server->set_tcp_nodelay(true);
  // Each open connection holds a worker thread until its keep-alive ends, and one browser opens
  // six: the library's default pool (8) would make the second visitor wait.
  server->new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };

  server->set_exception_handler([](const httplib::Request& req, httplib::Response& res,
                                   std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::fprintf(stderr, "smp-consult: internal error on %s %s: %s\n", req.method.c_str(),
                 req.path.c_str(), what.c_str());
    res.status = 500;
    res.set_content(json_error("internal_error", "something went wrong on the server"),
                    "application/json");
  });
  // Errors raised by the library itself (oversize body, unknown route, timeouts) get a JSON
  // body too; handlers that set their own body keep it.
  server->set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    std::string message = "request failed";
    if (res.status == 413) message = "a lead may be at most 32 KB";
    if (res.status == 404) message = "no such resource: " + header_safe_text(req.path);
    res.set_content(json_error(error_code_for(res.status), message), "application/json");
    return httplib::Server::HandlerResponse::Handled;
  }));

  // The body is read raw (never parsed by the library as a form or multipart), so a wrong
  // content type reaches the handler and gets its 415.
  server->Post("/api/leads", [&leads](const httplib::Request& req, httplib::Response& res,
                                      const httplib::ContentReader& content_reader) {
    std::string body;
    bool too_large = false;
    const bool complete = content_reader([&](const char* data, size_t length) {
      if (body.size() + length > kMaxLeadBytes) {
        too_large = true;
        return false;
      }
      body.append(data, length);
      return true;
    });
    ApiRequest request = api_request(req);
    request.body = std::move(body);
    if (too_large || (!complete && res.status == 413)) {
      request.body.assign(kMaxLeadBytes + 1, ' ');  // the service answers 413 (after CORS)
    } else if (!complete) {
      // e.g. a multipart body: the service still answers (403/429/415, or 400 for JSON), and
      // the connection is closed since its body was not consumed.
      res.set_header("Connection", "close");
    }
    apply(leads.post(request), res);
  });
  server->Options("/api/leads", [&leads](const httplib::Request& req, httplib::Response& res) {
    apply(leads.preflight(api_request(req)), res);
  });
  server->Get("/api/leads", [](const httplib::Request&, httplib::Response& res) {
    res.status = 405;
    res.set_header("Allow", "POST, OPTIONS");
    res.set_content(json_error("method_not_allowed", "POST a lead as application/json"),
                    "application/json");
  });
  server->Get("/healthz", [&outbox](const httplib::Request&, httplib::Response& res) {
    const OutboxCounts counts = outbox.counts();
    nlohmann::json body = {{"status", "ok"},
                           {"outbox",
                            {{"queued", counts.queued},
                             {"sending", counts.sending},
                             {"retry", counts.retry},
                             {"sent", counts.sent},
                             {"dead", counts.dead},
                             {"held", counts.held}}}};
    res.set_header("Cache-Control", "no-store");
    res.set_content(body.dump(), "application/json");
  });
  const std::string public_config = options.public_config;
  server->Get("/smp/clinic.json", [public_config](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_content(public_config, "application/json; charset=utf-8");
  });
  const std::string csp = embed_csp(options.frame_ancestors);
  const std::string clinic_name = options.clinic_name;
  const std::vector<std::string> locales = options.locales;
  server->Get("/embed", [csp, clinic_name, locales](const httplib::Request& req,
                                                    httplib::Response& res) {
    std::string locale;
    const std::string requested = req.get_param_value("locale");
    for (const auto& l : locales) {
      if (l == requested) locale = l;
    }
    res.set_header("Content-Security-Policy", csp);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "strict-origin-when-cross-origin");
    res.set_header("Cache-Control", "no-cache");
    res.set_content(embed_page(clinic_name, locale), "text/html; charset=utf-8");
  });
  const std::string widget_dir = options.widget_dir;
  server->Get(R"(/smp/(.*))", [widget_dir](const httplib::Request& req, httplib::Response& res) {
    serve_file(widget_dir, req.matches[1], req, res);
  });
  const std::string site_dir = options.site_dir;
  server->Get(R"(/(.*))", [site_dir](const httplib::Request& req, httplib::Response& res) {
    serve_file(site_dir, req.matches[1], req, res);
  });
  return server;
}

}  // namespace smp::server
