// Builds small rulebooks in code for the graph tests: items with time
// limits, outputs and materials, bundles with stages and depends, and the
// 2025 calendar.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "load/calendar_load.hpp"
#include "model/data.hpp"
#include "shenpi/graph.hpp"

namespace shenpi::test {

/// A material at a known place, so diagnostics can be checked by line.
inline Material material(std::string id, int line = 0, int column = 0) {
  Material m;
  m.name = id + " 材料";
  m.id = std::move(id);
  m.location = {"items.yaml", line, column};
  return m;
}

inline Duration working(int n) {
  return {n, Duration::Unit::working_days};
}
inline Duration natural(int n) {
  return {n, Duration::Unit::natural_days};
}

/// The 2025 national calendar of DOMAIN.md.
inline Calendar calendar_2025() {
  auto d = [](int m, int day) { return *Date::from_ymd(2025, m, day); };
  std::vector<Date> off{d(1, 1)};
  auto range = [&](int m1, int d1, int m2, int d2) {
    for (Date x = d(m1, d1); x <= d(m2, d2); x = x + 1) off.push_back(x);
  };
  range(1, 28, 2, 4);
  range(4, 4, 4, 6);
  range(5, 1, 5, 5);
  range(5, 31, 6, 2);
  range(10, 1, 10, 8);
  Calendar c;
  shenpi::detail::CalendarBuilder::add_year(c, 2025, off,
                                            {d(1, 26), d(2, 8), d(4, 27), d(9, 28), d(10, 11)});
  return c;
}

class BookBuilder {
 public:
  BookBuilder() {
    data_ = std::make_unique<detail::RulebookData>();
    data_->calendar = calendar_2025();
  }

  /// An item taking `promised` (statutory defaults to twice that), producing
  /// `outputs` and asking for `materials` (ids or full materials).
  Item& item(std::string code, Duration promised, std::vector<std::string> outputs = {},
             std::vector<Material> materials = {}) {
    Item item;
    item.name = code + " 事项";
    item.code = std::move(code);
    item.authority = "区审批局";
    item.time_limit.promised = promised;
    item.time_limit.statutory = {promised.count * 2, promised.unit};
    for (auto& o : outputs) item.outputs.push_back({o, o + " 证照", "", {}});
    item.materials = std::move(materials);
    item.location = {"items.yaml", 1, 1};
    data_->items.push_back(std::move(item));
    return data_->items.back();
  }

  /// A bundle whose stages are given as (id, item codes).
  Bundle& bundle(std::string code,
                 std::vector<std::pair<std::string, std::vector<std::string>>> stages,
                 int line = 1) {
    Bundle b;
    b.name = code + " 一件事";
    b.code = std::move(code);
    b.location = {"bundle.yaml", line, 9};
    int stage_line = line + 3;
    for (auto& [id, items] : stages) {
      Stage s;
      s.id = id;
      s.name = id + " 阶段";
      s.items = items;
      s.location = {"bundle.yaml", stage_line++, 9};
      s.item_locations.assign(items.size(), s.location);
      b.stages.push_back(std::move(s));
    }
    data_->bundles.push_back(std::move(b));
    return data_->bundles.back();
  }

  detail::RulebookData& data() {
    detail::finish_rulebook(*data_);
    return *data_;
  }

  std::shared_ptr<const Rulebook> build() {
    detail::finish_rulebook(*data_);
    return detail::RulebookAccess::make(std::move(data_));
  }

 private:
  std::unique_ptr<detail::RulebookData> data_;
};

inline std::vector<std::string> codes(std::initializer_list<const char*> list) {
  return {list.begin(), list.end()};
}

}  // namespace shenpi::test
