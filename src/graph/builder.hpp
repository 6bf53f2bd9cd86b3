// Fills an ApprovalGraph from a bundle graph; the one friend of ApprovalGraph.
#pragma once

#include "digraph/bundle_graph.hpp"

namespace shenpi::detail {

struct GraphBuilder {
  static ApprovalGraph build(const RulebookData& data, std::string_view bundle_code,
                             const GraphOptions& options);

 private:
  static void fill_nodes(ApprovalGraph& out, const RulebookData& data, const BundleGraph& g,
                         bool statutory);
  static void fill_edges(ApprovalGraph& out, const RulebookData& data, const BundleGraph& g);
  static void fill_plan(ApprovalGraph& out, const BundleGraph& g, const PlanTimes& t);
  static void mark_critical_edges(ApprovalGraph& out);
  static void fill_schedule(ApprovalGraph& out, const Calendar& calendar, Date start);
  static void fill_checklist(ApprovalGraph& out, const RulebookData& data, const BundleGraph& g);
};

}  // namespace shenpi::detail
