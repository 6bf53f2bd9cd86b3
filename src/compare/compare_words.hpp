// Words the three renderings of a comparison share.
#pragma once

#include <string>
#include <string_view>

#include "shenpi/compare.hpp"

namespace shenpi::detail {

/// An item code without its jurisdiction prefix: `TJ-SCJG-DJ-0001` → `SCJG-DJ-0001`.
inline std::string_view code_suffix(std::string_view code) {
  const auto dash = code.find('-');
  return dash == std::string_view::npos ? code : code.substr(dash + 1);
}

/// 需提交 / 共享免提交 / 可承诺 / 可容缺 / 无.
inline const char* presence_words(MaterialPresence p) {
  switch (p) {
    case MaterialPresence::asked:
      return "需提交";
    case MaterialPresence::shared:
      return "共享免提交";
    case MaterialPresence::commitment:
      return "可承诺";
    case MaterialPresence::tolerable:
      return "可容缺";
    case MaterialPresence::absent:
      return "无";
  }
  return "无";
}

/// 全程网办 / 部分网办 / 窗口办理.
inline const char* online_words(const std::string& online) {
  return online == "full" ? "全程网办" : online == "partial" ? "部分网办" : "窗口办理";
}

inline const char* yes_no(bool uniform) {
  return uniform ? "统一" : "不统一";
}

/// 总体：…要求提交的材料最少…；…承诺办结最快… over all compared items.
std::string overall_words(const Comparison& c);

/// One material cell: presence, the name when it differs, the condition when conditional.
std::string material_cell(const ComparedMaterial& m, std::size_t j);

}  // namespace shenpi::detail
