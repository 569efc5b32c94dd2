#pragma once
// The HTTP side of `smp-consult serve`: routes, limits, timeouts and error handling, on GNU
// libmicrohttpd (event-driven: a slow or idle connection costs a socket and a little memory,
// never a thread, so a thousand of them cannot queue a visitor's lead).
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "smp/config.hpp"
#include "smp/server/lead_handler.hpp"

namespace smp::server {

struct HttpOptions {
  std::string site_dir;         ///< served at /
  std::string widget_dir;       ///< served at /smp/
  std::string public_config;    ///< body of /smp/clinic.json
  std::string frame_ancestors;  ///< CSP frame-ancestors sources of /embed
  std::string clinic_name;
  std::vector<std::string> locales;  ///< accepted ?locale= values of /embed
};

/// One request as the routes see it: the head is complete and the body read.
struct HttpRequest {
  std::string method;  ///< GET for HEAD too (the library drops the body of a HEAD reply)
  std::string path;    ///< percent-decoded, without the query
  std::vector<std::pair<std::string, std::string>> headers;  ///< in the order received
  std::vector<std::pair<std::string, std::string>> query;
  std::string body;
  bool body_too_large = false;  ///< more than the route's limit arrived (the body is cut)
  std::string remote_addr;
  /// The header's value ("" when absent); case-insensitive name.
  std::string header(const std::string& name) const;
  /// Every value of a repeated header as one list (RFC 9110 5.3), in order, joined by ",".
  std::string header_values(const std::string& name) const;
  std::string param(const std::string& name) const;
};

struct HttpReply {
  int status = 200;
  std::string content_type;  ///< "" = no Content-Type (e.g. 204)
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

using HttpHandler = std::function<HttpReply(const HttpRequest&)>;

class HttpServer {
 public:
  HttpServer();
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Adds a route: `path` is exact, or a prefix when it ends in "/". The first match wins.
  void route(const std::string& method, const std::string& path, HttpHandler handler);
  /// Bodies longer than this are cut and marked body_too_large (set before start).
  void set_body_limit(std::size_t bytes);
  /// A larger limit for the requests `allows` picks by their head (e.g. a lead with photos);
  /// their whole-request deadline grows with the declared length (set before start).
  void set_large_body_limit(std::size_t bytes, std::function<bool(const HttpRequest&)> allows);
  /// Binds host:port (0: any free port) and starts serving on the library's own threads;
  /// the bound port, or 0 when it cannot listen.
  int start(const std::string& host, int port);
  /// Stops accepting, closes every connection, joins the threads. Idempotent.
  void stop();

  struct State;

 private:
  std::unique_ptr<State> state_;
};

/// The /embed page: the element on the server's own origin, no inline script or style.
std::string embed_page(const std::string& clinic_name, const std::string& locale);
/// lead.frame_ancestors as CSP sources (unsafe entries dropped); "" = none configured.
std::string frame_ancestors_value(const std::vector<std::string>& sources);
/// The Content-Security-Policy of /embed ('self' when no ancestors are configured).
std::string embed_csp(const std::string& frame_ancestors);

/// Binds `server` to host:port (0: any free port) with the system's maximum listen backlog
/// and starts it; the bound port, or 0 when it cannot listen.
int bind_http_server(HttpServer& server, const std::string& host, int port);
/// Builds a configured server (routes, payload limit, timeouts, JSON error/exception handlers).
std::unique_ptr<HttpServer> make_http_server(const HttpOptions& options, LeadService& leads,
                                             Outbox& outbox);

}  // namespace smp::server
