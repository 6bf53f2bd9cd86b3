// One HTTP/1.1 connection: read a request (with idle and read deadlines
// and the body limit), answer it through the router, keep alive or close.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "serve/router.hpp"

namespace shenpi::detail {

class ServeLog;

/// What every session needs from the server; outlives all sessions.
struct SessionContext {
  ServeState& state;
  ServeLog& log;
  std::size_t body_limit;
  std::chrono::milliseconds read_timeout;
  std::chrono::milliseconds idle_timeout;
  const std::atomic<bool>& stopping;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket socket, const SessionContext& context);
  void start();
  /// Closes the connection now if it waits for a request; a request in
  /// progress finishes first (graceful shutdown). Thread-safe.
  void stop_if_idle();

 private:
  void wait_request();
  void read_request();
  void on_read(boost::beast::error_code ec);
  void respond(ApiResponse response, bool keep_alive);
  void on_write(boost::beast::error_code ec, bool keep_alive);
  void drain();
  void drain_more();
  void close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  const SessionContext& context_;
  std::string remote_;
  std::string method_;
  std::string target_;
  std::size_t bytes_in_ = 0;
  Route route_ = Route::unknown;
  std::chrono::steady_clock::time_point started_;
  bool idle_ = true;
  std::array<char, 4096> discard_{};
};

}  // namespace shenpi::detail
