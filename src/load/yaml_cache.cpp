#include "load/yaml_cache.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <openssl/evp.h>

#include "load/yaml_util.hpp"
#include "shenpi/diagnostic_codes.hpp"

#ifndef SHENPI_VERSION_TEXT
#define SHENPI_VERSION_TEXT "unknown"
#endif
#ifndef SHENPI_YAML_CPP_VERSION
#define SHENPI_YAML_CPP_VERSION "unknown"
#endif

namespace shenpi::detail {
namespace {

namespace fs = std::filesystem;

// Bump kFormat whenever the layout below or what yaml::parse records
// changes (a new Cell field, another meaning of `plain`): the version is
// part of every key, so old entries are then simply never read again.
constexpr std::uint32_t kFormat = 1;
constexpr std::uint32_t kByteOrder = 0x01020304;  // an entry from another byte order is foreign
constexpr char kMagic[8] = {'S', 'P', 'Y', 'T', 'R', 'E', 'E', '\0'};
constexpr std::size_t kHeader = 80;
constexpr std::size_t kCellBytes = 24;
constexpr std::size_t kDigest = 32;
// yaml-cpp and the shenpi build both shape the tree: either one changing
// gives other keys.
constexpr std::string_view kSalt =
    "shenpi yaml tree 1; shenpi " SHENPI_VERSION_TEXT "; yaml-cpp " SHENPI_YAML_CPP_VERSION "\n";

/// One context per thread, reused: EVP_Digest would fetch the algorithm
/// and make a context per call, dearer than hashing a 2 KB file. Hence at
/// most one Sha256 alive per thread at a time (each use below is one
/// expression).
class Sha256 {
 public:
  Sha256& add(std::string_view bytes) {
    ok_ = ok_ && EVP_DigestUpdate(ctx(), bytes.data(), bytes.size()) == 1;
    return *this;
  }
  CacheKey finish() {
    CacheKey out{};
    unsigned int size = 0;
    ok_ = ok_ && EVP_DigestFinal_ex(ctx(), out.data(), &size) == 1 && size == out.size();
    if (!ok_) throw std::runtime_error("SHA-256 is not available from libcrypto");
    return out;
  }
  Sha256() { ok_ = ctx() != nullptr && EVP_DigestInit_ex2(ctx(), md(), nullptr) == 1; }

 private:
  static const EVP_MD* md() {
    static EVP_MD* const sha = EVP_MD_fetch(nullptr, "SHA256", nullptr);  // lives with the process
    return sha;
  }
  static EVP_MD_CTX* ctx() {
    thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(
        EVP_MD_CTX_new(), EVP_MD_CTX_free);
    return context.get();
  }
  bool ok_ = false;
};

template <class T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

/// Reads fixed-size values from an entry whose size was checked first.
class Reader {
 public:
  explicit Reader(const char* at) : at_(at) {}
  template <class T>
  T get() {
    T value;
    std::memcpy(&value, at_, sizeof(T));
    at_ += sizeof(T);
    return value;
  }
  const char* at() const { return at_; }
  void skip(std::size_t n) { at_ += n; }

 private:
  const char* at_;
};

/// An entry larger than this for a text of `text_size` bytes is not read
/// (and not written): a flow list of one-letter scalars, the densest YAML,
/// needs about 17 bytes of entry per byte of text.
std::size_t max_entry_bytes(std::size_t text_size) {
  return 32 * text_size + 4096;
}

std::string hex(const CacheKey& key) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(key.size() * 2, '0');
  for (std::size_t i = 0; i < key.size(); ++i) {
    out[2 * i] = kHex[key[i] >> 4U];
    out[2 * i + 1] = kHex[key[i] & 0xFU];
  }
  return out;
}

/// A cell yaml::parse could have built, given the sizes of its tree.
bool plausible(const yaml::Cell& c, std::uint32_t texts, std::uint32_t children) {
  if (c.line < 0 || c.column < 0) return false;
  switch (c.kind) {
    case yaml::Kind::null:
      return !c.plain && c.text == 0 && c.first == 0 && c.count == 0;
    case yaml::Kind::scalar:
      return c.text < texts && c.first == 0 && c.count == 0;
    case yaml::Kind::sequence:
    case yaml::Kind::map:
      return !c.plain && c.text == 0 && std::uint64_t{c.first} + c.count <= children &&
             (c.kind == yaml::Kind::sequence || c.count % 2 == 0);
    default:
      return false;  // undefined is never stored; anything else is no kind
  }
}

/// Reads the cells, children and texts after a checked header into `tree`;
/// false on anything yaml::parse would not have built.
bool read_body(Reader& r, std::uint32_t texts, std::uint64_t text_bytes, yaml::Tree& tree) {
  const auto cells = static_cast<std::uint32_t>(tree.cells.size());
  const auto children = static_cast<std::uint32_t>(tree.children.size());
  for (auto& c : tree.cells) {
    const auto kind = r.get<std::uint8_t>();
    const auto plain = r.get<std::uint8_t>();
    if (r.get<std::uint16_t>() != 0 || kind > static_cast<std::uint8_t>(yaml::Kind::map) ||
        plain > 1)
      return false;
    c.kind = static_cast<yaml::Kind>(kind);
    c.plain = plain == 1;
    c.line = r.get<std::int32_t>();
    c.column = r.get<std::int32_t>();
    c.text = r.get<std::uint32_t>();
    c.first = r.get<std::uint32_t>();
    c.count = r.get<std::uint32_t>();
    if (!plausible(c, texts, children)) return false;
  }
  for (auto& child : tree.children) {
    child = r.get<std::uint32_t>();
    if (child >= cells) return false;
  }
  const char* lengths = r.at();
  r.skip(std::size_t{texts} * 4);
  std::uint64_t used = 0;
  tree.texts.reserve(texts);
  for (std::uint32_t i = 0; i < texts; ++i) {
    std::uint32_t length = 0;
    std::memcpy(&length, lengths + std::size_t{i} * 4, 4);
    if (length > text_bytes - used) return false;
    tree.texts.emplace_back(r.at() + used, length);
    used += length;
  }
  return used == text_bytes;
}

}  // namespace

CacheKey cache_key(std::string_view text) {
  return Sha256().add(kSalt).add(text).finish();
}

std::string encode_tree(const yaml::Tree& tree, const CacheKey& key, std::size_t text_size) {
  std::uint64_t text_bytes = 0;
  for (const auto& t : tree.texts) text_bytes += t.size();
  std::string out;
  out.reserve(kHeader + tree.cells.size() * kCellBytes + tree.children.size() * 4 +
              tree.texts.size() * 4 + text_bytes + kDigest);
  out.append(kMagic, sizeof kMagic);
  put(out, kFormat);
  put(out, kByteOrder);
  out.append(reinterpret_cast<const char*>(key.data()), key.size());
  put(out, std::uint64_t{text_size});
  put(out, static_cast<std::uint32_t>(tree.cells.size()));
  put(out, static_cast<std::uint32_t>(tree.children.size()));
  put(out, static_cast<std::uint32_t>(tree.texts.size()));
  put(out, std::uint32_t{0});
  put(out, text_bytes);
  for (const auto& c : tree.cells) {
    put(out, static_cast<std::uint8_t>(c.kind));
    put(out, static_cast<std::uint8_t>(c.plain ? 1 : 0));
    put(out, std::uint16_t{0});
    put(out, c.line);
    put(out, c.column);
    put(out, c.text);
    put(out, c.first);
    put(out, c.count);
  }
  for (const auto child : tree.children) put(out, child);
  for (const auto& t : tree.texts) put(out, static_cast<std::uint32_t>(t.size()));
  for (const auto& t : tree.texts) out += t;
  const CacheKey sum = Sha256().add(out).finish();
  out.append(reinterpret_cast<const char*>(sum.data()), sum.size());
  return out;
}

std::shared_ptr<const yaml::Tree> decode_tree(std::string_view bytes, const CacheKey& key,
                                              std::size_t text_size) {
  if (bytes.size() < kHeader + kDigest || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    return nullptr;
  Reader r(bytes.data() + sizeof kMagic);
  if (r.get<std::uint32_t>() != kFormat || r.get<std::uint32_t>() != kByteOrder) return nullptr;
  if (std::memcmp(r.at(), key.data(), key.size()) != 0) return nullptr;  // another text's entry
  r.skip(key.size());
  if (r.get<std::uint64_t>() != text_size) return nullptr;
  const auto cells = r.get<std::uint32_t>();
  const auto children = r.get<std::uint32_t>();
  const auto texts = r.get<std::uint32_t>();
  const auto pad = r.get<std::uint32_t>();
  const auto text_bytes = r.get<std::uint64_t>();
  // Sizes first, so a damaged count never allocates or reads past the end.
  const std::uint64_t body =
      std::uint64_t{cells} * kCellBytes + std::uint64_t{children} * 4 + std::uint64_t{texts} * 4;
  if (pad != 0 || cells == 0 || text_bytes > bytes.size() ||
      kHeader + body + text_bytes + kDigest != bytes.size())
    return nullptr;
  const std::string_view signed_part = bytes.substr(0, bytes.size() - kDigest);
  const CacheKey sum = Sha256().add(signed_part).finish();
  if (std::memcmp(sum.data(), bytes.data() + signed_part.size(), kDigest) != 0) return nullptr;
  auto tree = std::make_shared<yaml::Tree>();
  tree->cells.resize(cells);
  tree->children.resize(children);
  if (!read_body(r, texts, text_bytes, *tree)) return nullptr;
  return tree;
}

YamlCache::YamlCache(std::string dir)
    : dir_(std::move(dir)), entries_((fs::path(dir_) / "yaml-1").generic_string()) {}

std::shared_ptr<const yaml::Tree> YamlCache::parse(const std::string& text,
                                                   yaml::ParseError& error) {
  const CacheKey key = cache_key(text);
  std::string bytes;
  // A missing, unreadable or oversized entry is a miss like a damaged one.
  if (read_text_file(entries_ + "/" + hex(key), bytes, max_entry_bytes(text.size()))) {
    if (auto tree = decode_tree(bytes, key, text.size())) return tree;
  }
  auto tree = yaml::parse(text, error);
  if (tree) {
    bytes = encode_tree(*tree, key, text.size());
    if (bytes.size() <= max_entry_bytes(text.size())) store(key, bytes);
  }
  return tree;
}

void YamlCache::store(const CacheKey& key, const std::string& bytes) {
  // After one failure the folder is taken as unwritable: a read-only cache
  // must not cost 10,000 failed writes.
  if (failed_.load(std::memory_order_relaxed)) return;
  const auto fail = [&](const std::string& why) {
    const std::lock_guard lock(mutex_);
    if (why_.empty()) why_ = why;
    failed_.store(true, std::memory_order_relaxed);
  };
  std::call_once(made_, [&] {
    std::error_code ec;
    fs::create_directories(entries_, ec);
    made_ok_ = !ec && fs::is_directory(entries_, ec);
    if (!made_ok_)
      fail(fmt::format("cannot make {} ({})", entries_, ec ? ec.message() : "not a folder"));
  });
  if (!made_ok_) return;
  static std::atomic<std::uint64_t> serial{0};
  const std::string name = hex(key);
  const std::string temp =
      fmt::format("{}/.tmp-{}-{}-{}", entries_, name.substr(0, 16), ::getpid(), serial++);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return fail(fmt::format("cannot write in {} ({})", entries_, std::strerror(errno)));
  std::size_t done = 0;
  int error = 0;
  while (done < bytes.size() && error == 0) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n > 0) done += static_cast<std::size_t>(n);
    if (n < 0 && errno != EINTR) error = errno;
    if (n == 0) error = EIO;
  }
  if (::close(fd) != 0 && error == 0) error = errno;
  // rename replaces the entry in one step: a reader in another process has
  // the old file, the new one, or none, never part of one.
  if (error == 0 && ::rename(temp.c_str(), (entries_ + "/" + name).c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temp.c_str());
    fail(fmt::format("cannot write in {} ({})", entries_, std::strerror(error)));
  }
}

void YamlCache::report(std::vector<Diagnostic>& out) const {
  if (!failed_.load(std::memory_order_relaxed)) return;
  const std::lock_guard lock(mutex_);
  out.push_back(make_diagnostic(
      codes::cache_unwritable, {dir_, 0, 0},
      fmt::format("the cache folder cannot be written: {}; the rules were read without it (the "
                  "result is the same, only slower)",
                  why_)));
}

}  // namespace shenpi::detail
