// The worker side of evaluate_many's fast path: a DictRecord bound by
// handle (shenpi/binder.hpp) into a Decision, without the GIL, without a
// std::string per fact and without hashing a name. The handles of an item
// are resolved once, when the reader first meets the item (ItemHandles).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "dict_fast.hpp"
#include "shenpi/binder.hpp"

namespace shenpi::python {

/// The handles of one item, per version (by position in its ItemHandle),
/// indexed as a DictRecord refers to facts, words, materials and
/// conditions. Immutable once made; shared by the workers.
struct ItemHandles {
  ItemHandles(const TypedBinder& resolver, const FastItem& item);

  struct Version {
    std::vector<FactHandle> facts;                ///< by fact number
    std::vector<std::vector<ValueHandle>> words;  ///< by fact number, then word index
    std::vector<EntryHandle> materials;           ///< by material index
    std::vector<EntryHandle> committed;           ///< a material signed for, by index
    std::vector<EntryHandle> conditions;          ///< by condition index
    EntryHandle letter;
  };
  ItemHandle item;
  std::vector<Version> versions;
};

/// Decides records on one worker thread (one per thread: its scratch).
class RecordDecider {
 public:
  explicit RecordDecider(const Rulebook& book) : book_(book), binder_(book) {}

  /// Decides `record` into `out`: by handle when the binder takes it as
  /// is, else through the Application the converter would have made
  /// (Rulebook::evaluate), which gives the same decision and words any
  /// problem. The same decision either way.
  void decide(const DictRecord& record, Decision& out);

 private:
  bool bind(const DictRecord& record, Decision& out);
  bool bind_fact(const ItemHandles::Version& v, const DictRecord& record,
                 const DictRecord::Value& value);

  const Rulebook& book_;
  TypedBinder binder_;
  Application application_;  ///< the fallback's, reused
  std::vector<std::string_view> pieces_;
};

}  // namespace shenpi::python
