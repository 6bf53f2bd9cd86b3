// The rulebook model: the state behind a Rulebook, shared by the loader (which fills it once)
// and the evaluator, graph and renderers (which only read it).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "expr/predicate.hpp"
#include "expr/program.hpp"
#include "model/name_index.hpp"
#include "shenpi/rulebook.hpp"

namespace shenpi::detail {

/// Hash for maps keyed by std::string that are looked up by string_view,
/// without building a std::string per lookup.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};
template <typename V>
using TextMap = std::unordered_map<std::string, V, TextHash, std::equal_to<>>;

/// How evaluation runs one expression of an item: not at all (the rule
/// gave none), as predicate code (ItemPlan::predicates[begin, end)), or
/// through run() for what predicate code cannot express. Predicate code of
/// the common shapes is told apart at load, so evaluation runs it without
/// the operand stack: one leaf, or leaves under one `and` / `or` (the last
/// node, not run).
struct TestPlan {
  enum class Kind : std::uint8_t { none, leaf, all_of, any_of, predicate, program };
  Kind kind = Kind::none;
  std::int32_t begin = 0;
  std::int32_t end = 0;
  /// Runs as predicate code, of whatever shape.
  bool lowered() const { return kind != Kind::none && kind != Kind::program; }
};

/// An item's expression tests in item order, with the item indexes they
/// belong to (the materials required by an expression, the special steps).
struct IndexedTests {
  std::vector<std::int32_t> index;
  std::vector<TestPlan> tests;
};

/// ItemPlan::condition_flags bits.
inline constexpr std::uint8_t kConditionCommittable = 1;  ///< commitment: allowed
inline constexpr std::uint8_t kConditionRejects = 2;      ///< on_fail: reject

/// Per-item sizes and name tables precomputed at load, so binding sizes
/// its storage once and resolves every name without a scan or a string;
/// and what evaluation needs of the item in compact form, so deciding
/// reads bitsets and predicate code instead of the model's structs
/// (src/evaluate/evaluate.cpp, docs/architecture.md "Evaluation hot path").
struct ItemPlan {
  int slot_count = 0;    ///< shared facts + item-local facts
  int word_count = 0;    ///< 64-bit words in a material bitset
  NameIndex facts;       ///< path → index in item.facts (item-local facts)
  NameIndex materials;   ///< id → index in item.materials
  NameIndex conditions;  ///< id → index in item.conditions

  std::vector<PredicateNode> predicates;     ///< code of every predicate test
  std::vector<std::int32_t> predicate_pool;  ///< their string-id lists
  std::vector<TestPlan> condition_tests;     ///< parallel to item.conditions
  /// Parallel to item.conditions, then zeros to a multiple of sixteen.
  std::vector<std::uint8_t> condition_flags;
  IndexedTests required;       ///< materials with `required:`
  IndexedTests special_steps;  ///< steps with `special: true`
  TestPlan tolerance_test;     ///< the 容缺 policy's `when`
  // Material bitsets of word_count words: the status of every material
  // follows from these and the application's bitsets.
  std::vector<std::uint64_t> always_required;
  std::vector<std::uint64_t> shared;       ///< source: shared
  std::vector<std::uint64_t> committable;  ///< commitment: allowed
  std::vector<std::uint64_t> tolerable;    ///< tolerable and not core: a 容缺 gap
};

/// Fills the evaluation part of `plan` from `item` (model/evaluation_plan.cpp).
void plan_evaluation(const Item& item, ItemPlan& plan);

struct RulebookData {
  std::vector<std::string> sources;
  std::vector<Fact> facts;
  TextMap<int> fact_index;  ///< for the loader, while facts are still added
  NameIndex shared_facts;   ///< path → index in facts; built by finish_rulebook
  std::vector<CatalogMaterial> catalog;
  TextMap<int> catalog_index;
  std::vector<Item> items;
  TextMap<int> item_index;  ///< code → current version (see Rulebook::find_item)
  /// code → every version's index, by `effective.from` (oldest first).
  TextMap<std::vector<int>> versions;
  std::vector<ItemPlan> plans;  ///< parallel to items
  std::vector<Bundle> bundles;
  TextMap<int> bundle_index;
  /// Output id → items producing it, in item order.
  TextMap<std::vector<int>> producers;
  Calendar calendar;
  NoticeSettings notices;  ///< notices.yaml
  StringTable strings;
};

/// Fills plans, producers and indexes from items; called once by the loader.
void finish_rulebook(RulebookData& data);

/// The library's access to a Rulebook's state: the friend-builder of
/// shenpi/rulebook.hpp (as GraphBuilder is for ApprovalGraph).
struct RulebookAccess {
  static const RulebookData& data(const Rulebook& book) { return *book.data_; }
  /// The one way to make a Rulebook; shared, so bound applications and
  /// decisions can keep it alive (enable_shared_from_this).
  static std::shared_ptr<const Rulebook> make(std::unique_ptr<RulebookData> data) {
    return std::shared_ptr<const Rulebook>(new Rulebook(std::move(data)));
  }
};

/// The fact `path` names in items[item] (item-local first, as
/// Rulebook::find_fact), or nullptr; through the plans' tables, one hash.
inline const Fact* find_item_fact(const RulebookData& data, std::size_t item,
                                  std::string_view path) {
  const std::uint64_t hash = name_hash(path);
  const int local = data.plans[item].facts.find(path, hash);
  if (local >= 0) return &data.items[item].facts[static_cast<std::size_t>(local)];
  const int shared = data.shared_facts.find(path, hash);
  return shared < 0 ? nullptr : &data.facts[static_cast<std::size_t>(shared)];
}

/// Sorts `versions` by effective.from and points item_index at each code's
/// current version; called by finish_rulebook.
void index_versions(RulebookData& data);
/// Index of the version of `code` in force on `day`, or -1 (model/data.cpp).
int version_index(const RulebookData& data, std::string_view code, Date day);

}  // namespace shenpi::detail
