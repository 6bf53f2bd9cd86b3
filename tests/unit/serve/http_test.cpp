// The HTTP layer of shenpi::Server over real loopback sockets: body limit,
// malformed requests, read and idle timeouts, a port already taken, stop().
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "shenpi/serve.hpp"

namespace shenpi {
namespace {

const std::string kRules = std::string(SHENPI_SOURCE_DIR) + "/rules/tianjin";

/// A server on a free loopback port, run on a thread for one test.
struct Running {
  Server server;
  std::thread thread;
  explicit Running(ServeOptions options) : server(with_defaults(std::move(options))) {
    REQUIRE(server.start().ok);
    thread = std::thread([this] { server.run(); });
  }
  ~Running() {
    server.stop();
    thread.join();
  }
  static ServeOptions with_defaults(ServeOptions o) {
    o.rules = {kRules};
    o.port = 0;
    o.threads = 2;
    o.site = false;
    o.handle_signals = false;
    o.log_file = "/dev/null";
    return o;
  }
};

int connect_to(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  timeval tv{5, 0};  // a test that hangs is a failure, not a stuck CI
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

/// Sends `request` and reads until the server closes the connection.
std::string exchange(int fd, const std::string& request) {
  if (!request.empty()) REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) > 0);
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
    out.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return out;
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("a body over the limit gets 413 and SP901") {
  ServeOptions o;
  o.body_limit = 1000;
  Running r(o);
  const std::string reply =
      exchange(connect_to(r.server.port()),
               "POST /v1/evaluate HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n" +
                   std::string(1200, 'x'));
  CHECK(reply.starts_with("HTTP/1.1 413"));
  CHECK(has(reply, "SP901"));
  CHECK(has(reply, "Connection: close"));
}

TEST_CASE("a malformed request gets 400 and SP908; keep-alive serves several requests") {
  Running r({});
  const std::string bad =
      exchange(connect_to(r.server.port()), "GET /healthz HTTP/1.1\r\nBad Header\r\n\r\n");
  CHECK(bad.starts_with("HTTP/1.1 400"));
  CHECK(has(bad, "SP908"));
  const std::string two =
      exchange(connect_to(r.server.port()),
               "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
               "GET /v1/nothing HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  CHECK(two.starts_with("HTTP/1.1 200"));
  CHECK(has(two, "HTTP/1.1 404"));
}

TEST_CASE("a client that trickles its request or stays idle is cut off") {
  ServeOptions o;
  o.read_timeout_ms = 300;
  o.idle_timeout_ms = 300;
  Running r(o);
  const auto begin = std::chrono::steady_clock::now();
  CHECK(exchange(connect_to(r.server.port()), "POST /v1/evaluate HTTP/1.1\r\nHost: t\r\n").empty());
  CHECK(exchange(connect_to(r.server.port()), "").empty());
  CHECK(std::chrono::steady_clock::now() - begin < std::chrono::seconds(4));
}

TEST_CASE("a port already in use is SP907 and nothing runs") {
  Running r({});
  ServeOptions o = Running::with_defaults({});
  o.port = r.server.port();
  Server second(o);
  const ReloadReport report = second.start();
  CHECK_FALSE(report.ok);
  REQUIRE(report.diagnostics.size() == 1);
  CHECK(report.diagnostics[0].code == "SP907");
  o.port = 0;
  o.bind = "not-an-address";
  Server third(o);
  CHECK(third.start().diagnostics.at(0).code == "SP907");
}

TEST_CASE("stop() lets an open keep-alive connection go and run() returns") {
  Running* r = new Running({});
  const int fd = connect_to(r->server.port());
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
  REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) > 0);
  char buf[4096];
  REQUIRE(::recv(fd, buf, sizeof buf, 0) > 0);  // answered, connection kept open
  const auto begin = std::chrono::steady_clock::now();
  delete r;  // stop() + join: must not wait for the idle timeout
  CHECK(std::chrono::steady_clock::now() - begin < std::chrono::seconds(3));
  CHECK(::recv(fd, buf, sizeof buf, 0) == 0);
  ::close(fd);
}

}  // namespace
}  // namespace shenpi
