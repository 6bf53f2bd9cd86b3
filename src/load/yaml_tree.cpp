#include "load/yaml_tree.hpp"

#include <exception>
#include <istream>
#include <streambuf>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

namespace shenpi::detail::yaml {
namespace {

const std::string kEmpty;

/// Lets yaml-cpp read the text in place instead of a copy in a stringstream.
class TextBuffer : public std::streambuf {
 public:
  explicit TextBuffer(const std::string& text) {
    char* begin = const_cast<char*>(text.data());  // NOLINT: never written
    setg(begin, begin, begin + text.size());
  }
};

/// Builds a Tree from yaml-cpp's events with an explicit stack, so deep
/// nesting costs memory, not native stack.
class Builder : public YAML::EventHandler {
 public:
  explicit Builder(Tree& tree) : tree_(tree) {}

  void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(mark, Kind::null, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor < anchors_.size() && anchors_[anchor] != kNone) {
      attach(anchors_[anchor]);
    } else {
      add(mark, Kind::null, 0);  // the parser rejects unknown anchors first
    }
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    const std::uint32_t cell = add(mark, Kind::scalar, anchor);
    tree_.cells[cell].plain = tag == "?";
    tree_.cells[cell].text = static_cast<std::uint32_t>(tree_.texts.size());
    tree_.texts.push_back(value);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    open(add(mark, Kind::sequence, anchor));
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    open(add(mark, Kind::map, anchor));
  }
  void OnMapEnd() override { close(); }

 private:
  static constexpr std::uint32_t kNone = ~0U;

  struct Open {
    std::uint32_t cell;
    std::size_t from;  // its children start here in pending_
  };

  std::uint32_t add(const YAML::Mark& mark, Kind kind, YAML::anchor_t anchor) {
    const auto cell = static_cast<std::uint32_t>(tree_.cells.size());
    Cell c;
    c.kind = kind;
    c.line = mark.line + 1;  // a null mark (-1) becomes 0, "no position"
    c.column = mark.column + 1;
    tree_.cells.push_back(c);
    if (anchor != 0) {
      if (anchor >= anchors_.size()) anchors_.resize(anchor + 1, kNone);
      anchors_[anchor] = cell;
    }
    attach(cell);
    return cell;
  }

  void attach(std::uint32_t cell) {
    if (!open_.empty()) pending_.push_back(cell);
  }

  void open(std::uint32_t cell) { open_.push_back({cell, pending_.size()}); }

  void close() {
    if (open_.empty()) return;
    const Open o = open_.back();
    open_.pop_back();
    if (tree_.cells[o.cell].kind == Kind::map && (pending_.size() - o.from) % 2 != 0) {
      // Never seen from yaml-cpp's parser; keeps pairs whole regardless.
      pending_.push_back(add_detached());
    }
    Cell& c = tree_.cells[o.cell];
    c.first = static_cast<std::uint32_t>(tree_.children.size());
    c.count = static_cast<std::uint32_t>(pending_.size() - o.from);
    tree_.children.insert(tree_.children.end(),
                          pending_.begin() + static_cast<std::ptrdiff_t>(o.from), pending_.end());
    pending_.resize(o.from);
  }

  std::uint32_t add_detached() {
    tree_.cells.push_back(Cell{});
    return static_cast<std::uint32_t>(tree_.cells.size() - 1);
  }

  Tree& tree_;
  std::vector<Open> open_;
  std::vector<std::uint32_t> pending_;
  std::vector<std::uint32_t> anchors_;
};

/// Notes where a second document starts and ignores its content.
class SecondDocument : public YAML::EventHandler {
 public:
  int line = 0;
  int column = 0;

  void OnDocumentStart(const YAML::Mark& mark) override { note(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { note(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { note(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    note(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    note(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    note(mark);
  }
  void OnMapEnd() override {}

 private:
  void note(const YAML::Mark& mark) {
    if (line != 0) return;
    line = mark.line + 1;
    column = mark.column + 1;
  }
};

}  // namespace

std::shared_ptr<const Tree> parse(const std::string& text, ParseError& error) {
  auto tree = std::make_shared<Tree>();
  // About one node per 10 bytes in rule files: fewer reallocations.
  tree->cells.reserve(text.size() / 10 + 1);
  tree->texts.reserve(text.size() / 12 + 1);
  try {
    TextBuffer buffer(text);
    std::istream in(&buffer);
    YAML::Parser parser(in);
    Builder builder(*tree);
    parser.HandleNextDocument(builder);
    // yaml-cpp would stop after the first document and drop the rest
    // silently: a file of the rulebook holds exactly one.
    SecondDocument second;
    if (parser.HandleNextDocument(second)) {
      error = {"a second YAML document (`---`) in the file; a file holds one document", second.line,
               second.column};
      return nullptr;
    }
  } catch (const YAML::Exception& e) {
    error = {e.msg, e.mark.line + 1, e.mark.column + 1};
    return nullptr;
  } catch (const std::exception& e) {
    error = {e.what(), 0, 0};
    return nullptr;
  }
  // An empty document is a null root without a position.
  if (tree->cells.empty()) tree->cells.push_back(Cell{});
  return tree;
}

Kind Node::kind() const {
  return tree_ == nullptr ? Kind::undefined : tree_->cells[index_].kind;
}

const std::string& Node::scalar() const {
  if (!is_scalar()) return kEmpty;
  return tree_->texts[tree_->cells[index_].text];
}

bool Node::plain() const {
  return is_scalar() && tree_->cells[index_].plain;
}

int Node::line() const {
  return tree_ == nullptr ? 0 : tree_->cells[index_].line;
}

int Node::column() const {
  return tree_ == nullptr ? 0 : tree_->cells[index_].column;
}

std::size_t Node::size() const {
  const Kind k = kind();
  if (k == Kind::sequence) return tree_->cells[index_].count;
  if (k == Kind::map) return tree_->cells[index_].count / 2;
  return 0;
}

Node Node::operator[](std::string_view key) const {
  if (!is_map()) return {};
  const Cell& c = tree_->cells[index_];
  const std::uint32_t* at = tree_->children.data() + c.first;
  for (std::uint32_t k = 0; k + 1 < c.count; k += 2) {
    const Cell& key_cell = tree_->cells[at[k]];
    if (key_cell.kind == Kind::scalar && tree_->texts[key_cell.text] == key) {
      return {tree_, at[k + 1]};
    }
  }
  return {};
}

Children<1> Node::begin() const {
  if (!is_sequence()) return {};
  return {tree_, tree_->children.data() + tree_->cells[index_].first};
}

Children<1> Node::end() const {
  if (!is_sequence()) return {};
  const Cell& c = tree_->cells[index_];
  return {tree_, tree_->children.data() + c.first + c.count};
}

Range<Children<2>> Node::entries() const {
  if (!is_map()) return {{}, {}};
  const Cell& c = tree_->cells[index_];
  const std::uint32_t* first = tree_->children.data() + c.first;
  return {{tree_, first}, {tree_, first + c.count}};
}

}  // namespace shenpi::detail::yaml
