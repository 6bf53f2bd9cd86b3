// The worker side of evaluate_many's fast path: a DictRecord decided into
// a Decision without the GIL.
#pragma once

#include "dict_fast.hpp"

namespace shenpi::python {

/// Decides records on one worker thread (one per thread: its scratch).
class RecordDecider {
 public:
  explicit RecordDecider(const Rulebook& book) : book_(book) {}

  /// Decides `record` into `out` through the Application the converter
  /// would have made (Rulebook::evaluate): the same decision and words.
  void decide(const DictRecord& record, Decision& out);

 private:
  const Rulebook& book_;
  Application application_;  ///< reused
};

}  // namespace shenpi::python
