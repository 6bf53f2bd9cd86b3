// RecordRowWriter: a decision and its record as one compact line, the text
// that repeats kept ready per thread and rulebook (record_json.hpp).
#include <algorithm>
#include <array>
#include <memory>

#include "record/record_json.hpp"

namespace shenpi::detail {

const RecordRowWriter::ItemText& RecordRowWriter::item_text(const Item& item) {
  const auto it = items_.find(&item);
  if (it != items_.end()) return it->second;
  ItemText text;
  text.head = "\"record\":{\"item\":";
  append_json_string(item.code, text.head);
  text.head += ",\"version\":";
  append_json_string(item.version, text.head);
  text.head += ",\"effective\":{\"from\":";
  append_json_date(item.effective.from, text.head);
  text.head += ",\"until\":";
  append_json_date(item.effective.until, text.head);
  text.head += "},\"as_of\":";
  text.digest = ",\"item_sha256\":";
  append_json_string(item_digest(*book_, item), text.digest);
  return items_.emplace(&item, std::move(text)).first->second;
}

const std::string& RecordRowWriter::calendar_text(const Decision& decision) {
  // The years a record names run from filing to the last deadline, less
  // the years the calendar does not cover: the span decides them.
  const int first = decision.application->submitted_on().year();
  int last = first;
  for (const auto& due :
       {decision.deadlines.promised, decision.deadlines.statutory, decision.deadlines.tolerance}) {
    if (due) last = std::max(last, due->year());
  }
  const auto key = std::pair(first, last);
  const auto it = calendars_.find(key);
  if (it != calendars_.end()) return it->second;
  const std::vector<int> years = calendar_years(book_->calendar(), decision);
  std::string text = ",\"calendar_years\":[";
  for (std::size_t i = 0; i < years.size(); ++i) {
    if (i > 0) text += ',';
    text += std::to_string(years[i]);
  }
  text += "],\"calendar_sha256\":";
  append_json_string(calendar_digest(*book_, years), text);
  return calendars_.emplace(key, std::move(text)).first->second;
}

bool RecordRowWriter::append(const Application& application, const Decision& decision,
                             std::string& out) {
  if (!decision.valid()) return false;
  const ItemText& item = item_text(decision.item());
  const std::string& calendar = calendar_text(decision);
  decisions_.append(decision, out);
  out.back() = ',';  // the decision object's closing brace
  // The fields of append_record_json, in its order.
  out += item.head;
  append_json_date(application.as_of, out);
  out += ",\"application\":";
  const std::size_t canonical = out.size();
  append_canonical_application(application, out);
  const std::size_t canonical_end = out.size();
  out += ",\"application_sha256\":\"";
  append_sha256_hex(std::string_view(out).substr(canonical, canonical_end - canonical), out);
  out += '"';
  out += item.digest;
  out += calendar;
  static const std::string tail = [] {
    std::string text = ",\"engine\":";
    append_json_string(engine_name(), text);
    return text + "}}";  // the record's brace, then the decision's
  }();
  out += tail;
  return true;
}

RecordRowWriter& thread_row_writer(const Rulebook& book) {
  struct Slot {
    std::weak_ptr<const Rulebook> book;
    std::unique_ptr<RecordRowWriter> writer;
  };
  thread_local std::array<Slot, 4> slots;
  thread_local std::size_t next = 0;
  for (Slot& s : slots) {
    if (s.writer && s.book.lock().get() == &book) return *s.writer;
  }
  Slot& s = slots[next++ % slots.size()];
  s.book = book.weak_from_this();
  s.writer = std::make_unique<RecordRowWriter>(book);
  return *s.writer;
}

bool append_decision_with_record(const Rulebook& book, const Application& application,
                                 const Decision& decision, std::string& out) {
  return thread_row_writer(book).append(application, decision, out);
}

}  // namespace shenpi::detail
