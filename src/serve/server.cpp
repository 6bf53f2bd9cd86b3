// shenpi::Server: the listener, the worker threads, signals, reload and
// graceful shutdown around the sessions.
#include <malloc.h>

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>

#include "serve/log.hpp"
#include "serve/session.hpp"
#include "shenpi/diagnostic_codes.hpp"
#include "shenpi/serve.hpp"

namespace shenpi {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

/// Batch workers: one fewer than the I/O threads (default: one fewer than
/// the cores), at least one. The thread that received a batch works on it
/// too, so one batch keeps as many threads busy as there are cores, and
/// several batches at once do not crowd the cores with twice as many.
int batch_workers(int threads) {
  const int n = threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency());
  return std::max(1, n - 1);
}

}  // namespace

struct Server::Impl {
  explicit Impl(ServeOptions o)
      : options(std::move(o)),
        state(batch_workers(options.threads)),
        context{state,
                log,
                options.body_limit,
                std::chrono::milliseconds(options.read_timeout_ms),
                std::chrono::milliseconds(options.idle_timeout_ms),
                stopping} {}

  ServeOptions options;
  detail::ServeState state;
  detail::ServeLog log;
  std::atomic<bool> stopping{false};
  detail::SessionContext context;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc};
  unsigned short port = 0;

  std::mutex reload_mutex;
  std::uint64_t generation = 0;

  std::mutex sessions_mutex;
  std::unordered_map<detail::Session*, std::weak_ptr<detail::Session>> sessions;

  std::mutex done_mutex;
  std::condition_variable done_cv;
  bool done = false;
  std::thread watchdog;

  ReloadReport reload();
  ReloadReport listen();
  void work();
  void accept();
  void wait_signal();
  void stop();
  int threads() const {
    const int n = options.threads > 0 ? options.threads
                                      : static_cast<int>(std::thread::hardware_concurrency());
    return n > 0 ? n : 1;
  }
};

ReloadReport Server::Impl::reload() {
  // One reload at a time; requests never wait for it: they keep reading the
  // snapshot that is there until the new one is swapped in whole.
  std::lock_guard lock(reload_mutex);
  std::shared_ptr<const detail::Snapshot> fresh;
  ReloadReport report = detail::load_snapshot(options, generation + 1, fresh);
  if (report.ok) {
    ++generation;
    state.snapshot.store(std::move(fresh));
  }
  if (generation > 1 || !report.ok) state.metrics.reload(report.ok);
  int errors = 0;
  for (const auto& d : report.diagnostics) errors += d.severity == Severity::error ? 1 : 0;
  log.event(
      generation == 1 && report.ok ? "load" : "reload",
      fmt::format(
          R"("accepted":{},"generation":{},"digest":"{}","items":{},"bundles":{},"errors":{},"load_seconds":{:.4f})",
          report.ok, generation, report.digest, report.items, report.bundles, errors,
          report.load_seconds),
      detail::reload_message(report));
  for (const auto& d : report.diagnostics) {
    if (d.severity == Severity::error) log.event("diagnostic", "", format_diagnostic(d));
  }
  return report;
}

ReloadReport Server::Impl::listen() {
  ReloadReport report;
  auto fail = [&](const std::string& message) {
    report.ok = false;
    report.diagnostics.push_back(make_diagnostic(codes::cannot_listen, {}, message));
    log.event("listen", R"("ok":false)",
              fmt::format("无法监听 {}:{}：{}", options.bind, options.port, message));
    return report;
  };
  boost::system::error_code ec;
  const auto address = net::ip::make_address(options.bind, ec);
  if (ec) return fail(fmt::format("'{}' is not an IP address", options.bind));
  const tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return fail(
        fmt::format("cannot listen on {}:{}: {}", options.bind, options.port, ec.message()));
  port = acceptor.local_endpoint().port();
  report.ok = true;
  return report;
}

// A worker runs the I/O loop. An exception escaping a handler (the router
// catches its own; this is Beast or the allocator) would end the thread and
// with it the process: log it and go on serving.
void Server::Impl::work() {
  for (;;) {
    try {
      ioc.run();
      return;
    } catch (const std::exception& e) {
      log.event("error", "", fmt::format("内部错误，连接已关闭，服务继续：{}", e.what()));
    }
  }
}

void Server::Impl::accept() {
  acceptor.async_accept(
      net::make_strand(ioc), [this](boost::system::error_code ec, tcp::socket socket) {
        if (ec) {
          if (!acceptor.is_open() || stopping.load()) return;
          return accept();  // e.g. too many open files: keep serving the others
        }
        socket.set_option(tcp::no_delay(true), ec);
        auto session = std::make_shared<detail::Session>(std::move(socket), context);
        {
          std::lock_guard lock(sessions_mutex);
          // Forget sessions that ended, so the table does not grow without bound.
          if (sessions.size() > 1024)
            std::erase_if(sessions, [](const auto& s) { return s.second.expired(); });
          sessions.emplace(session.get(), session);
        }
        session->start();
        accept();
      });
}

void Server::Impl::wait_signal() {
  signals.async_wait([this](boost::system::error_code ec, int signal) {
    if (ec) return;
    if (signal == SIGHUP) {
      reload();
      return wait_signal();
    }
    log.event("signal", fmt::format(R"("signal":{})", signal),
              "收到停止信号，处理完进行中的请求后退出");
    stop();
  });
}

void Server::Impl::stop() {
  if (stopping.exchange(true)) return;
  net::post(ioc, [this] {
    boost::system::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    std::lock_guard lock(sessions_mutex);
    for (auto& [raw, weak] : sessions) {
      if (auto s = weak.lock()) s->stop_if_idle();
    }
  });
  // A request that never completes must not keep the process alive forever:
  // after the read timeout and a margin, the remaining connections are cut.
  watchdog = std::thread([this] {
    std::unique_lock lock(done_mutex);
    const auto grace = std::chrono::milliseconds(options.read_timeout_ms) + std::chrono::seconds(5);
    if (!done_cv.wait_for(lock, grace, [this] { return done; })) ioc.stop();
  });
}

Server::Server(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() {
  if (impl_->watchdog.joinable()) {
    {
      std::lock_guard lock(impl_->done_mutex);
      impl_->done = true;
    }
    impl_->done_cv.notify_all();
    impl_->watchdog.join();
  }
}

namespace {

/// glibc returns a freed block of 128 KiB or more to the system at once
/// (mmap) and trims the heap above a small free top, so a service that
/// builds a batch's answer (hundreds of KiB) for every request paid page
/// faults on fresh pages each time (a tenth of its CPU under load). Blocks
/// up to 16 MiB now come from the heap and stay for the next request;
/// up to 32 MiB of free heap top is kept. The resident size therefore
/// stays near its peak after a burst.
void keep_freed_memory() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 16 << 20);
  mallopt(M_TRIM_THRESHOLD, 32 << 20);
#endif
}

}  // namespace

ReloadReport Server::start() {
  keep_freed_memory();
  if (!impl_->log.open(impl_->options.log_file)) {
    ReloadReport r;
    r.diagnostics.push_back(make_diagnostic(
        codes::unreadable_source, {impl_->options.log_file, 0, 0}, "cannot open the log file"));
    return r;
  }
  impl_->state.reload = [this] { return impl_->reload(); };
  ReloadReport report = impl_->reload();
  if (!report.ok) return report;
  ReloadReport listening = impl_->listen();
  if (!listening.ok) return listening;
  return report;
}

unsigned short Server::port() const {
  return impl_->port;
}

int Server::run() {
  Impl& s = *impl_;
  if (s.options.handle_signals) {
    s.signals.add(SIGINT);
    s.signals.add(SIGTERM);
    s.signals.add(SIGHUP);
    s.wait_signal();
  }
  s.accept();
  s.log.event(
      "listen",
      fmt::format(R"("bind":"{}","port":{},"threads":{})", s.options.bind, s.port, s.threads()),
      fmt::format("开始服务：http://{}:{}/，{} 个工作线程", s.options.bind, s.port, s.threads()));
  std::vector<std::thread> workers;
  for (int i = 1; i < s.threads(); ++i) workers.emplace_back([&s] { s.work(); });
  s.work();
  for (auto& w : workers) w.join();
  {
    std::lock_guard lock(s.done_mutex);
    s.done = true;
  }
  s.done_cv.notify_all();
  s.log.event("stop", "", "服务已停止");
  return 0;
}

void Server::stop() {
  impl_->stop();
}

ReloadReport Server::reload() {
  return impl_->reload();
}

}  // namespace shenpi
