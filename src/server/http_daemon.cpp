// HttpServer: the relay's HTTP engine on GNU libmicrohttpd. epoll on a few internal threads, so
// slow or idle connections hold a socket and their 32 KB of memory, never a thread; on top of the
// library's idle timeout a whole-request deadline cuts a client that trickles its head or body.
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <exception>
#include <mutex>
#include <set>
#include <thread>

#include "smp/server/http_server.hpp"
#include "smp/server/mime.hpp"

namespace smp::server {
namespace {

using Clock = std::chrono::steady_clock;

// Idle: no byte either way for this long closes the connection (also ends keep-alive).
constexpr unsigned kIdleTimeoutSeconds = 10;
// A request's head and body must arrive within this, however steadily they trickle
// (slowloris); the reply's own sending is bounded by the idle timeout only.
constexpr auto kRequestDeadline = std::chrono::seconds(20);
// A large body (photos) gets a second more per this many declared bytes: a phone on a poor
// uplink (256 kbit/s) still sends 20 MB in time, a trickle still ends.
constexpr std::size_t kSlowestUploadBytesPerSecond = 32 * 1024;
// Large bodies being received at once: each may buffer up to the large limit, so this bounds
// their memory (8 x 20 MB); one more is told to retry instead.
constexpr int kMaxLargeBodies = 8;
// Handlers block briefly (SQLite commit, file reads); a few threads keep one from stalling all.
constexpr unsigned kThreads = 4;
// Per connection: the request head and the library's buffers (bodies stream through it).
constexpr std::size_t kConnectionMemory = 32 * 1024;
// File descriptors kept back from the connection limit: SQLite, SMTP, static files, logs.
constexpr rlim_t kReservedDescriptors = 128;

// One open connection, for the deadline sweep.
struct Connection {
  int fd = -1;
  Clock::time_point since;  ///< the connection opened or its previous reply went out
  bool answering = false;   ///< the request is in; only the reply is left
  bool cut = false;
  Clock::duration deadline = kRequestDeadline;  ///< of the request in progress
};

struct Pending {
  HttpRequest request;
  bool answered = false;
  std::size_t body_limit = 0;
  bool large = false;  ///< holds one of the kMaxLargeBodies places
};

bool same_name(const std::string& a, const std::string& b) {
  return a.size() == b.size() && ::strncasecmp(a.c_str(), b.c_str(), a.size()) == 0;
}

}  // namespace

std::string HttpRequest::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (same_name(key, name)) return value;
  }
  return "";
}

std::string HttpRequest::header_values(const std::string& name) const {
  std::string joined;
  bool first = true;
  for (const auto& [key, value] : headers) {
    if (!same_name(key, name)) continue;
    if (!first) joined += ',';
    joined += value;
    first = false;
  }
  return joined;
}

std::string HttpRequest::param(const std::string& name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return "";
}

struct HttpServer::State {
  struct Route {
    std::string method;
    std::string path;
    HttpHandler handler;
  };
  std::vector<Route> routes;
  std::size_t body_limit = 32 * 1024;
  std::size_t large_body_limit = 0;
  std::function<bool(const HttpRequest&)> allows_large_body;
  std::atomic<int> large_bodies{0};
  MHD_Daemon* daemon = nullptr;
  std::atomic<bool> starting{false};

  std::mutex mutex;
  std::set<Connection*> connections;
  std::condition_variable wake;
  bool stopping = false;
  std::thread sweeper;

  HttpReply dispatch(const HttpRequest& request) const;
  void sweep();
};

namespace {

std::string error_json(const std::string& code, const std::string& message) {
  return json_error(code, message);
}

MHD_Result collect(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* list = static_cast<std::vector<std::pair<std::string, std::string>>*>(cls);
  list->emplace_back(key ? key : "", value ? value : "");
  return MHD_YES;
}

std::string peer_address(MHD_Connection* connection) {
  const MHD_ConnectionInfo* info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (!info || !info->client_addr) return "";
  char text[INET6_ADDRSTRLEN] = {};
  const sockaddr* addr = info->client_addr;
  if (addr->sa_family == AF_INET) {
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(addr)->sin_addr, text, sizeof text);
  } else if (addr->sa_family == AF_INET6) {
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr, text,
                sizeof text);
  }
  return text;
}

Connection* tracked(MHD_Connection* connection) {
  const MHD_ConnectionInfo* info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return info ? static_cast<Connection*>(info->socket_context) : nullptr;
}

MHD_Result send_reply(MHD_Connection* connection, const HttpReply& reply) {
  MHD_Response* response = MHD_create_response_from_buffer(
      reply.body.size(), const_cast<char*>(reply.body.data()), MHD_RESPMEM_MUST_COPY);
  if (!response) return MHD_NO;
  if (!reply.content_type.empty() && reply.status != 204) {
    MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, reply.content_type.c_str());
  }
  for (const auto& [name, value] : reply.headers) {
    MHD_add_response_header(response, name.c_str(), value.c_str());
  }
  const MHD_Result queued =
      MHD_queue_response(connection, static_cast<unsigned>(reply.status), response);
  MHD_destroy_response(response);
  return queued;
}

MHD_Result on_request(void* cls, MHD_Connection* connection, const char* url, const char* method,
                      const char*, const char* upload_data, size_t* upload_size, void** slot) {
  auto* state = static_cast<HttpServer::State*>(cls);
  auto* pending = static_cast<Pending*>(*slot);
  if (!pending) {
    pending = new Pending;
    *slot = pending;
    HttpRequest& request = pending->request;
    request.method = std::strcmp(method, "HEAD") == 0 ? "GET" : method;
    request.path = url ? url : "";
    MHD_get_connection_values(connection, MHD_HEADER_KIND, collect, &request.headers);
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collect, &request.query);
    request.remote_addr = peer_address(connection);
    const bool large = state->allows_large_body && state->allows_large_body(request);
    pending->body_limit = large ? state->large_body_limit : state->body_limit;
    if (large) {
      if (state->large_bodies.fetch_add(1) >= kMaxLargeBodies) {
        state->large_bodies.fetch_sub(1);
        pending->answered = true;
        return send_reply(connection, {503,
                                       "application/json",
                                       error_json("busy",
                                                  "too many uploads at once; retry "
                                                  "in a few seconds"),
                                       {{"Retry-After", "5"}}});
      }
      pending->large = true;
    }
    // A declared length over the limit is refused at once, before a byte of the body is kept.
    // A client that waits for "100 Continue" hears the 413 before it sends the body; any other
    // is sending it already, and a reply closing the connection on unread bytes would race the
    // TCP reset that destroys the reply: its body is read and dropped first (within the request
    // deadline), then answered.
    const std::string length = request.header("Content-Length");
    const unsigned long long declared =
        !length.empty() && length.size() < 20 ? std::strtoull(length.c_str(), nullptr, 10) : 0;
    if (declared > pending->body_limit) {
      request.body_too_large = true;
      if (!same_name(request.header("Expect"), "100-continue")) return MHD_YES;
    } else {
      if (large) {
        std::lock_guard lock(state->mutex);
        if (Connection* c = tracked(connection)) {
          c->deadline =
              kRequestDeadline +
              std::chrono::seconds(static_cast<long long>(
                  (declared > 0 ? declared : pending->body_limit) / kSlowestUploadBytesPerSecond));
        }
      }
      return MHD_YES;
    }
  } else if (*upload_size > 0) {
    HttpRequest& request = pending->request;
    const std::size_t limit = pending->body_limit;
    const std::size_t room =
        !request.body_too_large && request.body.size() < limit ? limit - request.body.size() : 0;
    if (*upload_size > room) request.body_too_large = true;
    request.body.append(upload_data, std::min(room, *upload_size));
    *upload_size = 0;
    return MHD_YES;
  }
  if (pending->answered) return MHD_YES;
  pending->answered = true;
  {
    std::lock_guard lock(state->mutex);
    if (Connection* c = tracked(connection)) c->answering = true;
  }
  return send_reply(connection, state->dispatch(pending->request));
}

void on_completed(void* cls, MHD_Connection* connection, void** slot, MHD_RequestTerminationCode) {
  auto* state = static_cast<HttpServer::State*>(cls);
  auto* pending = static_cast<Pending*>(*slot);
  if (pending && pending->large) state->large_bodies.fetch_sub(1);
  delete pending;
  *slot = nullptr;
  std::lock_guard lock(state->mutex);
  if (Connection* c = tracked(connection)) {  // keep-alive: the next request's clock starts
    c->since = Clock::now();
    c->answering = false;
    c->deadline = kRequestDeadline;
  }
}

void on_connection(void* cls, MHD_Connection* connection, void** socket_context,
                   MHD_ConnectionNotificationCode code) {
  auto* state = static_cast<HttpServer::State*>(cls);
  std::lock_guard lock(state->mutex);
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    auto* c = new Connection;
    const MHD_ConnectionInfo* info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    c->fd = info ? info->connect_fd : -1;
    c->since = Clock::now();
    state->connections.insert(c);
    *socket_context = c;
  } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
    // Called before the library closes the socket: once erased (under the mutex) the sweep can
    // never touch a descriptor number that was reused.
    auto* c = static_cast<Connection*>(*socket_context);
    state->connections.erase(c);
    delete c;
    *socket_context = nullptr;
  }
}

// As many connections as the process may hold sockets for, after raising the soft descriptor
// limit to the hard one (a systemd service starts with 1024).
unsigned connection_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1000;
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = std::min<rlim_t>(limit.rlim_max, 1 << 20);
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  const rlim_t usable = limit.rlim_cur == RLIM_INFINITY ? (1 << 20) : limit.rlim_cur;
  return static_cast<unsigned>(std::clamp<rlim_t>(
      usable > 2 * kReservedDescriptors ? usable - kReservedDescriptors : usable / 2, 16, 1 << 20));
}

// The library's messages while it starts (e.g. the port is taken) go to stderr; once it serves,
// its per-connection ones ("closed when reading request") would let any client flood the log.
void on_log(void* cls, const char* format, va_list arguments) {
  if (!static_cast<std::atomic<bool>*>(cls)->load()) return;
  std::fputs("smp-consult: http: ", stderr);
  std::vfprintf(stderr, format, arguments);
}

}  // namespace

HttpReply HttpServer::State::dispatch(const HttpRequest& request) const {
  for (const Route& route : routes) {
    const bool prefix = !route.path.empty() && route.path.back() == '/';
    const bool matches = prefix ? request.path.compare(0, route.path.size(), route.path) == 0
                                : request.path == route.path;
    if (!matches || route.method != request.method) continue;
    std::string what = "unknown exception";
    try {
      return route.handler(request);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::fprintf(stderr, "smp-consult: internal error on %s %s: %s\n", request.method.c_str(),
                 request.path.c_str(), what.c_str());
    return {500,
            "application/json",
            error_json("internal_error", "something went wrong on the server"),
            {}};
  }
  return {404,
          "application/json",
          error_json("not_found", "no such resource: " + header_safe_text(request.path)),
          {}};
}

void HttpServer::State::sweep() {
  std::unique_lock lock(mutex);
  while (!stopping) {
    wake.wait_for(lock, std::chrono::seconds(1));
    const auto now = Clock::now();
    for (Connection* c : connections) {
      if (c->answering || c->cut || c->fd < 0 || now - c->since < c->deadline) continue;
      // The library sees the socket end and closes the connection in its own thread.
      ::shutdown(c->fd, SHUT_RDWR);
      c->cut = true;
    }
  }
}

HttpServer::HttpServer() : state_(std::make_unique<State>()) {}

HttpServer::~HttpServer() {
  stop();
}

void HttpServer::route(const std::string& method, const std::string& path, HttpHandler handler) {
  state_->routes.push_back({method, path, std::move(handler)});
}

void HttpServer::set_body_limit(std::size_t bytes) {
  state_->body_limit = bytes;
}

void HttpServer::set_large_body_limit(std::size_t bytes,
                                      std::function<bool(const HttpRequest&)> allows) {
  state_->large_body_limit = bytes;
  state_->allows_large_body = std::move(allows);
}

int HttpServer::start(const std::string& host, int port) {
  if (state_->daemon || port < 0 || port > 65535) return 0;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found) != 0 ||
      !found) {
    return 0;
  }
  sockaddr_storage address{};
  std::memcpy(&address, found->ai_addr, std::min<std::size_t>(found->ai_addrlen, sizeof address));
  const bool ipv6 = found->ai_family == AF_INET6;
  ::freeaddrinfo(found);

  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
  if (ipv6) flags |= MHD_USE_IPv6;
  state_->starting = true;
  state_->daemon = MHD_start_daemon(
      flags, 0, nullptr, nullptr, on_request, state_.get(), MHD_OPTION_EXTERNAL_LOGGER, on_log,
      &state_->starting,  // first, or it misses some
      MHD_OPTION_SOCK_ADDR, reinterpret_cast<sockaddr*>(&address), MHD_OPTION_THREAD_POOL_SIZE,
      kThreads, MHD_OPTION_CONNECTION_LIMIT, connection_limit(), MHD_OPTION_CONNECTION_TIMEOUT,
      kIdleTimeoutSeconds, MHD_OPTION_CONNECTION_MEMORY_LIMIT, kConnectionMemory,
      // A burst of visitors must not meet connection resets (the kernel caps it at somaxconn).
      MHD_OPTION_LISTEN_BACKLOG_SIZE, static_cast<unsigned>(SOMAXCONN), MHD_OPTION_NOTIFY_COMPLETED,
      on_completed, state_.get(), MHD_OPTION_NOTIFY_CONNECTION, on_connection, state_.get(),
      MHD_OPTION_END);
  state_->starting = false;
  if (!state_->daemon) return 0;
  const MHD_DaemonInfo* info = MHD_get_daemon_info(state_->daemon, MHD_DAEMON_INFO_BIND_PORT);
  const int bound = info ? info->port : port;
  state_->stopping = false;
  state_->sweeper = std::thread([state = state_.get()] { state->sweep(); });
  return bound;
}

void HttpServer::stop() {
  if (!state_->daemon) return;
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->wake.notify_all();
  if (state_->sweeper.joinable()) state_->sweeper.join();
  MHD_stop_daemon(state_->daemon);
  state_->daemon = nullptr;
}

}  // namespace smp::server
