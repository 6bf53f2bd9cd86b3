#include "serve/session.hpp"

#include <fmt/format.h>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include "serve/log.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {
std::string_view view(beast::string_view s) {
  return {s.data(), s.size()};
}
}  // namespace

Session::Session(net::ip::tcp::socket socket, const SessionContext& context)
    : stream_(std::move(socket)), context_(context) {
  beast::error_code ec;
  const auto peer = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_ = fmt::format("{}:{}", peer.address().to_string(), peer.port());
}

void Session::start() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_request(); });
}

void Session::stop_if_idle() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    if (self->idle_) self->stream_.cancel();
  });
}

// Waiting for the first byte of a request is the idle time of a keep-alive
// connection; from that byte on, the whole request must arrive within the
// read timeout, so a client trickling bytes cannot hold a worker.
void Session::wait_request() {
  idle_ = true;
  if (context_.stopping.load()) return close();
  if (buffer_.size() > 0) return read_request();  // a pipelined request is already here
  stream_.expires_after(context_.idle_timeout);
  stream_.async_read_some(buffer_.prepare(8192),
                          [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                            self->buffer_.commit(n);
                            if (ec) return self->close();
                            self->read_request();
                          });
}

void Session::read_request() {
  idle_ = false;
  started_ = std::chrono::steady_clock::now();
  parser_.emplace();
  parser_->body_limit(context_.body_limit);
  stream_.expires_after(context_.read_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                     self->bytes_in_ = n;
                     self->on_read(ec);
                   });
}

void Session::on_read(beast::error_code ec) {
  const auto& req = parser_->get();
  method_ = std::string(req.method_string());
  target_ = std::string(req.target());
  if (ec == http::error::body_limit) {
    return respond(
        error_response(413, Route::unknown, "payload_too_large",
                       {make_diagnostic(codes::body_too_large, {},
                                        fmt::format("the request body is larger than {} bytes",
                                                    context_.body_limit))}),
        false);
  }
  if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
      ec == net::error::operation_aborted || ec == net::error::connection_reset ||
      ec == net::error::eof) {
    return close();  // the client went away or was too slow: nobody to answer
  }
  if (ec) {
    return respond(
        error_response(400, Route::unknown, "bad_request",
                       {make_diagnostic(codes::bad_http, {},
                                        fmt::format("malformed HTTP request: {}", ec.message()))}),
        false);
  }
  const ApiRequest api{view(req.method_string()), view(req.target()), req.body(),
                       view(req[http::field::accept])};
  respond(route_request(context_.state, api), req.keep_alive());
}

void Session::respond(ApiResponse r, bool keep_alive) {
  const unsigned version = parser_ && parser_->is_header_done() ? parser_->get().version() : 11;
  route_ = r.route;
  response_ = {};
  response_.version(version);
  response_.result(static_cast<unsigned>(r.status));
  response_.set(http::field::server, "shenpi");
  response_.set(http::field::content_type, r.content_type);
  for (auto& [name, value] : r.headers) response_.set(name, value);
  response_.body() = std::move(r.body);
  // Once shutdown starts, every answer closes its connection.
  response_.keep_alive(keep_alive && !context_.stopping.load());
  response_.prepare_payload();
  stream_.expires_after(context_.read_timeout);  // a client that never reads cannot hold us either
  http::async_write(stream_, response_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      self->on_write(ec, self->response_.keep_alive());
                    });
}

void Session::on_write(beast::error_code ec, bool keep_alive) {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  const int status = static_cast<int>(response_.result_int());
  context_.state.metrics.request(route_, status, seconds);
  context_.log.access({remote_, method_, target_, to_string(route_), status, bytes_in_,
                       response_.body().size(), seconds});
  if (ec) return close();
  if (keep_alive) return wait_request();
  if (status == 413 || status == 400) return drain();
  close();
}

// After refusing a request whose body is still coming, read and drop what
// arrives for a moment before closing: closing with unread bytes makes TCP
// reset the connection, and the client might never see the 413.
void Session::drain() {
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  stream_.expires_after(std::chrono::seconds(2));
  drain_more();
}

void Session::drain_more() {
  stream_.async_read_some(net::buffer(discard_),
                          [self = shared_from_this()](beast::error_code e, std::size_t) {
                            if (e) return self->close();
                            self->drain_more();
                          });
}

void Session::close() {
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  stream_.close();
}

}  // namespace shenpi::detail
