// Domain lints drawn from the reforms (SP3xx), one item at a time.
#pragma once

#include <vector>

#include "model/data.hpp"

namespace shenpi::detail {

/// SP301–SP314 except the cross-item ones, for one item.
void lint_item(const RulebookData& data, const Item& item, std::vector<Diagnostic>& out);

/// SP307: a material another item produces that the applicant must bring.
void lint_produced_materials(const RulebookData& data, std::vector<Diagnostic>& out);

/// True when `name` is a vague catch-all (其他材料、有关材料、…等材料).
bool is_vague_material_name(std::string_view name);

/// True when a step `name` names one of 行政许可法第四十五条's special
/// procedures (听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审), by substring.
bool is_article45_procedure(std::string_view name);

}  // namespace shenpi::detail
