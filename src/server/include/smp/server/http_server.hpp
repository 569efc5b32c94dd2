#pragma once
// The HTTP side of `smp-consult serve`: routes, limits, timeouts and error handling.
#include <memory>
#include <string>
#include <vector>

#include "smp/config.hpp"
#include "smp/server/lead_handler.hpp"

namespace httplib {
class Server;
}

namespace smp::server {

struct HttpOptions {
  std::string site_dir;         ///< served at /
  std::string widget_dir;       ///< served at /smp/
  std::string public_config;    ///< body of /smp/clinic.json
  std::string frame_ancestors;  ///< CSP frame-ancestors sources of /embed
  std::string clinic_name;
  std::vector<std::string> locales;  ///< accepted ?locale= values of /embed
};

/// The /embed page: the element on the server's own origin, no inline script or style.
std::string embed_page(const std::string& clinic_name, const std::string& locale);
/// lead.frame_ancestors as CSP sources (unsafe entries dropped); "" = none configured.
std::string frame_ancestors_value(const std::vector<std::string>& sources);
/// The Content-Security-Policy of /embed ('self' when no ancestors are configured).
std::string embed_csp(const std::string& frame_ancestors);

/// Binds `server` to host:port (0: any free port) with the system's maximum listen backlog;
/// the bound port, or 0 when it cannot listen.
int bind_http_server(httplib::Server& server, const std::string& host, int port);
/// Builds a configured server (routes, payload limit, timeouts, JSON error/exception handlers).
std::unique_ptr<httplib::Server> make_http_server(const HttpOptions& options, LeadService& leads,
                                                  Outbox& outbox);

}  // namespace smp::server
