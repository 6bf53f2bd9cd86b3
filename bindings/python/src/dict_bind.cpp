// DictRecords decided (dict_bind.hpp).
#include "dict_bind.hpp"

namespace shenpi::python {

void RecordDecider::decide(const DictRecord& record, Decision& out) {
  record.to_application(application_);
  book_.evaluate(application_, out);
}

}  // namespace shenpi::python
