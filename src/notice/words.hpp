// Shared wording of notices, guides and traces.
#pragma once

#include <string>
#include <vector>

#include "evaluate/bound.hpp"

namespace shenpi::detail {

/// 《…》第…条 of a basis id of the item, or empty.
std::string basis_title(const Item& item, const std::string& basis_id);
/// Basis of a material: the item's basis, else its catalogue entry's.
std::string material_basis(const Rulebook& book, const Item& item, const Material& material);
/// The fact reads of an expression: `label(path) = value` or `= 未提供`.
struct FactRead {
  std::string path;
  std::string label;
  std::string value;  ///< empty when unknown
};
std::vector<FactRead> fact_reads(const BoundApplication::Impl& app, const Expression& e);
/// `经营场所面积（premises.area_m2）为 8`, joined with `；`.
std::string describe_reads(const std::vector<FactRead>& reads);
/// Chinese words for statuses.
std::string material_status_words(const MaterialDecision& d);
/// `原件1份、复印件2份、可提交电子件`.
std::string form_words(const MaterialForm& form);
/// 2025年10月14日
std::string chinese_date(Date date);

}  // namespace shenpi::detail
