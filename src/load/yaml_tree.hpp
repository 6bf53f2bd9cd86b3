// A parsed YAML document as a flat, read-only tree. yaml-cpp's scanner reads
// the text; its events build this tree instead of yaml-cpp's node graph,
// whose shared pointers and per-lookup string conversions made loading a
// 10,000-item rulebook three times slower. Only this header's Node is seen
// by the readers; yaml-cpp stays inside yaml_tree.cpp.
#pragma once

#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace shenpi::detail::yaml {

enum class Kind : std::uint8_t { undefined, null, scalar, sequence, map };

struct Tree;
class Node;
template <int Stride>
class Children;
template <typename It>
class Range;

/// A node of a Tree, or an undefined node (a missing key). Cheap to copy;
/// valid as long as the Tree lives. Aliases (`*a`) are the node they name,
/// as in yaml-cpp, so a self-referring alias makes a cycle: readers never
/// walk a tree recursively.
class Node {
 public:
  Node() = default;
  Node(const Tree* tree, std::uint32_t index) : tree_(tree), index_(index) {}

  Kind kind() const;
  bool defined() const { return kind() != Kind::undefined; }
  explicit operator bool() const { return defined(); }
  bool is_null() const { return kind() == Kind::null; }
  bool is_scalar() const { return kind() == Kind::scalar; }
  bool is_sequence() const { return kind() == Kind::sequence; }
  bool is_map() const { return kind() == Kind::map; }
  /// A scalar's text (as YAML decoded it); empty for other nodes.
  const std::string& scalar() const;
  /// A plain scalar (not quoted, no block indicator, no tag).
  bool plain() const;
  /// 1-based position of the node in its file; 0 when it has none.
  int line() const;
  int column() const;

  /// Elements of a sequence, pairs of a mapping; 0 otherwise.
  std::size_t size() const;
  /// The value of the first `key` of a mapping; undefined when absent.
  Node operator[](std::string_view key) const;

  /// Iterates the elements of a sequence (nothing for other nodes).
  Children<1> begin() const;
  Children<1> end() const;
  /// The key/value pairs of a mapping, in file order (nothing otherwise).
  Range<Children<2>> entries() const;

 private:
  const Tree* tree_ = nullptr;
  std::uint32_t index_ = 0;
};

/// Walks the children of a container: one node at a time for a sequence
/// (Stride 1), key/value pairs for a mapping (Stride 2).
template <int Stride>
class Children {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = std::conditional_t<Stride == 1, Node, std::pair<Node, Node>>;
  using difference_type = std::ptrdiff_t;
  using pointer = void;
  using reference = value_type;
  Children() = default;
  Children(const Tree* tree, const std::uint32_t* at) : tree_(tree), at_(at) {}
  value_type operator*() const {
    if constexpr (Stride == 1) {
      return Node(tree_, *at_);
    } else {
      return {Node(tree_, at_[0]), Node(tree_, at_[1])};
    }
  }
  Children& operator++() {
    at_ += Stride;
    return *this;
  }
  Children operator++(int) {
    Children old = *this;
    ++*this;
    return old;
  }
  bool operator==(const Children& other) const { return at_ == other.at_; }

 private:
  const Tree* tree_ = nullptr;
  const std::uint32_t* at_ = nullptr;
};

/// A begin/end pair for range-for.
template <typename It>
class Range {
 public:
  Range(It first, It last) : first_(first), last_(last) {}
  It begin() const { return first_; }
  It end() const { return last_; }

 private:
  It first_;
  It last_;
};

/// One node's storage. Children of a container are a range of
/// Tree::children (keys and values alternate for a mapping).
struct Cell {
  Kind kind = Kind::null;
  bool plain = false;
  std::int32_t line = 0;  // 1-based; 0 when unknown
  std::int32_t column = 0;
  std::uint32_t text = 0;  // scalar: index into texts
  std::uint32_t first = 0;
  std::uint32_t count = 0;  // children, not pairs
};

struct Tree {
  std::vector<Cell> cells;  // cells[0] is the document's root
  std::vector<std::uint32_t> children;
  std::vector<std::string> texts;
};

struct ParseError {
  std::string message;
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
};

/// Parses the first document of `text` (an empty text is a null root);
/// nullptr, with `error` filled, when the text is not YAML.
std::shared_ptr<const Tree> parse(const std::string& text, ParseError& error);

}  // namespace shenpi::detail::yaml
