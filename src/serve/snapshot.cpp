#include "serve/snapshot.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <openssl/evp.h>

#ifdef SHENPI_SERVE_SITE
#include "shenpi/site.hpp"
#endif

namespace shenpi::detail {
namespace {

namespace fs = std::filesystem;

/// Files of one path with the name hashed for each: relative to a folder
/// argument, so the digest does not depend on where the rules are checked out.
void collect(const std::string& path, std::vector<std::pair<std::string, fs::path>>& out) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    out.emplace_back(fs::path(path).filename().generic_string(), fs::path(path));
    return;
  }
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) {
      out.emplace_back(fs::relative(it->path(), path, ec).generic_string(), it->path());
    }
  }
}

struct MdContext {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~MdContext() { EVP_MD_CTX_free(ctx); }
};

}  // namespace

const Rulebook* Snapshot::book_of_item(std::string_view code) const {
  for (const auto& book : books) {
    if (book->find_item(code) != nullptr) return book.get();
  }
  return nullptr;
}

const Rulebook* Snapshot::book_of_bundle(std::string_view code) const {
  for (const auto& book : books) {
    if (book->find_bundle(code) != nullptr) return book.get();
  }
  return nullptr;
}

std::string rules_digest(const std::vector<std::string>& paths) {
  std::vector<std::pair<std::string, fs::path>> files;
  for (const auto& p : paths) collect(p, files);
  std::sort(files.begin(), files.end());
  MdContext md;
  if (md.ctx == nullptr || EVP_DigestInit_ex(md.ctx, EVP_sha256(), nullptr) != 1) return {};
  std::string bytes;
  for (const auto& [name, path] : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    // Length-prefixed, so `a` + `bc` never hashes like `ab` + `c`.
    const std::string head = fmt::format("{}:{}\n{}:", name.size(), name, bytes.size());
    EVP_DigestUpdate(md.ctx, head.data(), head.size());
    EVP_DigestUpdate(md.ctx, bytes.data(), bytes.size());
  }
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(md.ctx, out, &length) != 1) return {};
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", out[i]);
  return hex;
}

ReloadReport load_snapshot(const ServeOptions& options, std::uint64_t generation,
                           std::shared_ptr<const Snapshot>& out) {
  const auto begin = std::chrono::steady_clock::now();
  ReloadReport report;
  // Digest first: if a file changes during the load, the digest names the
  // older bytes and the next reload catches up, never the other way round.
  report.digest = rules_digest(options.rules);
  auto snap = std::make_shared<Snapshot>();
  bool ok = !options.rules.empty();
  for (const auto& path : options.rules) {
    LoadOptions load_options;
    load_options.cache_dir = options.cache_dir;  // reloads reparse only changed files
    LoadResult loaded = load_rulebook({path}, load_options);
    report.items += loaded.stats.items;
    report.bundles += loaded.stats.bundles;
    report.diagnostics.insert(report.diagnostics.end(), loaded.diagnostics.begin(),
                              loaded.diagnostics.end());
    ok = ok && loaded.ok();
    if (loaded.ok()) snap->books.push_back(loaded.rulebook);
  }
  if (!ok) return report;
  for (const auto& book : snap->books) {
    snap->items += book->items().size();
    snap->bundles += book->bundles().size();
  }
  snap->digest = report.digest;
  snap->generation = generation;
  snap->loaded_at = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
#ifdef SHENPI_SERVE_SITE
  if (options.site) {
    SiteOptions site_options;
    site_options.self_check = true;
    for (auto& page : render_site(snap->books, site_options)) {
      snap->site.emplace(std::move(page.path),
                         SiteFile{std::move(page.content_type), std::move(page.body)});
    }
  }
#endif
  report.load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  snap->load_seconds = report.load_seconds;
  report.ok = true;
  out = std::move(snap);
  return report;
}

}  // namespace shenpi::detail
