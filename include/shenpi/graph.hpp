// Parallel-approval graphs (并联审批) of bundles (一件事, staged projects):
// cycles, levels, critical path, slack, a dated schedule and the merged
// checklist (一表申请), with text, JSON, Graphviz and Mermaid renderers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shenpi/calendar.hpp"
#include "shenpi/diagnostics.hpp"

namespace shenpi {

namespace detail {
struct GraphBuilder;
}

/// Options of Rulebook::graph. A plain struct; the defaults give the
/// promised-limit plan without dates.
struct GraphOptions {
  /// Use each item's statutory limit (法定时限) instead of its promised one
  /// (承诺时限).
  bool statutory = false;
  /// When set, the graph carries a dated schedule starting that day (moved to
  /// the next working day when it is a day off).
  std::optional<Date> start;
  /// Plan with the item versions in force on this day; unset: on `start`,
  /// and without either the current versions (docs/versions.md).
  std::optional<Date> as_of = std::nullopt;
};

/// A stage of the bundle. Stages run in sequence; a bundle written with
/// `items:` has one stage.
struct GraphStage {
  std::string id;
  std::string name;
  std::vector<std::string> items;  ///< item codes, in bundle order
};

/// One item of the bundle with its place in the plan. Offsets count working
/// days from the start of the bundle (day 0).
struct GraphNode {
  std::string code;
  std::string name;
  std::string authority;
  Duration limit;    ///< the limit the plan uses (promised or statutory)
  int duration = 0;  ///< `limit` in working days (see docs/graph.md)
  int stage = 0;     ///< index into ApprovalGraph::stages()
  int level = -1;    ///< topological level, 0 first; -1 when the graph has a cycle
  int earliest_start = 0;
  int earliest_finish = 0;
  int latest_start = 0;
  int latest_finish = 0;
  int slack = 0;                  ///< latest_start - earliest_start (机动时间)
  bool on_critical_path = false;  ///< slack == 0
  std::optional<Date> start;      ///< dated schedule, when a start date was given
  std::optional<Date> finish;
};

/// Why one item waits for another.
enum class EdgeKind {
  material,  ///< `to` needs a material `from` produces
  depends,   ///< an explicit `depends:` entry of the bundle
  stage,     ///< stage order: `from` and `to` are stage ids
};

/// "material", "depends" or "stage".
std::string_view to_string(EdgeKind kind);

/// An ordering. For material and depends edges `from`/`to` are item codes;
/// for stage edges they are the ids of consecutive stages (every item of
/// `from` precedes every item of `to`), which keeps the graph linear in size.
struct GraphEdge {
  std::string from;
  std::string to;
  EdgeKind kind = EdgeKind::material;
  std::string material;           ///< material id, for material edges
  bool on_critical_path = false;  ///< consecutive on ApprovalGraph::critical_path()
  bool operator==(const GraphEdge&) const = default;
};

/// A dated line of the schedule.
struct ScheduleEntry {
  std::string code;
  Date start;   ///< the day the item is accepted
  Date finish;  ///< the day it is decided; equals `start` for 即办 items
  /// Counted across a provisional calendar year: an estimate (预计).
  bool provisional = false;
};

/// One line of the merged checklist (一表申请): a material the applicant
/// brings once for the whole bundle.
struct ChecklistEntry {
  std::string material;  ///< material id
  std::string name;
  std::vector<std::string> items;  ///< codes of the items that ask for it, bundle order
  bool conditional =
      false;  ///< every asking item needs it only in some cases (`required:` expression)
};

/// The parallel-approval plan of one bundle. A plain, immutable value:
/// copyable, no ties to the rulebook it came from, safe to read from many
/// threads. When the bundle has a cycle, diagnostics() holds it (SP401) and
/// levels, critical path and schedule are empty; nodes, edges and the
/// checklist are still filled.
class ApprovalGraph {
 public:
  ApprovalGraph() = default;

  const std::string& bundle_code() const { return code_; }
  const std::string& bundle_name() const { return name_; }
  /// The bundle's target, if it states one.
  const std::optional<Duration>& target() const { return target_; }
  /// The target in working days, or -1 when there is none.
  int target_days() const { return target_days_; }
  bool statutory() const { return statutory_; }

  const std::vector<GraphStage>& stages() const { return stages_; }
  /// Items in bundle order (stage by stage, as listed).
  const std::vector<GraphNode>& nodes() const { return nodes_; }
  const GraphNode* find_node(std::string_view code) const;
  /// Sorted: item edges by (from, to) in bundle order, then stage edges.
  const std::vector<GraphEdge>& edges() const { return edges_; }
  /// Item codes per topological level: what can run at the same time.
  const std::vector<std::vector<std::string>>& levels() const { return levels_; }
  /// Item codes of one longest path, first to last.
  const std::vector<std::string>& critical_path() const { return critical_path_; }
  /// Working days from the start to the end of the last item (parallel).
  int critical_length() const { return critical_length_; }
  /// Working days if the items ran one after another (接力跑).
  int serial_length() const { return serial_length_; }

  /// The effective start (a working day) and the day the last item ends;
  /// nullopt without a start date or when the calendar does not cover them.
  const std::optional<Date>& start() const { return start_; }
  const std::optional<Date>& finish() const { return finish_; }
  /// The dated schedule is counted across a provisional calendar year, so
  /// `finish` (and some lines) are estimates (预计); false when undated.
  bool provisional() const { return provisional_; }
  /// Dated lines ordered by start date, then bundle order; empty when undated.
  const std::vector<ScheduleEntry>& schedule() const { return schedule_; }

  /// The merged checklist, in order of first appearance in the bundle.
  const std::vector<ChecklistEntry>& checklist() const { return checklist_; }
  /// Materials asked item by item: the sum over items of what each item's own
  /// guide asks the applicant to bring (shared and `never` ones excluded).
  int asked_separately() const { return asked_separately_; }
  /// Materials on the merged checklist.
  int asked_merged() const { return static_cast<int>(checklist_.size()); }

  /// Cycles (SP401), an unknown bundle (SP106), dates outside the calendar (SP504).
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  /// True when the plan was computed (no error diagnostics).
  bool ok() const;

 private:
  friend struct detail::GraphBuilder;

  std::string code_;
  std::string name_;
  std::optional<Duration> target_;
  int target_days_ = -1;
  bool statutory_ = false;
  std::vector<GraphStage> stages_;
  std::vector<GraphNode> nodes_;
  std::vector<GraphEdge> edges_;
  std::vector<std::vector<std::string>> levels_;
  std::vector<std::string> critical_path_;
  int critical_length_ = 0;
  int serial_length_ = 0;
  std::optional<Date> start_;
  std::optional<Date> finish_;
  bool provisional_ = false;
  std::vector<ScheduleEntry> schedule_;
  std::vector<ChecklistEntry> checklist_;
  int asked_separately_ = 0;
  std::vector<Diagnostic> diagnostics_;
};

/// A limit in working days as plans count it: working days as they are,
/// natural days as ceil(n × 5 / 7), 即办 as 0.
int working_days(const Duration& limit);

/// The plan as a project manager prints it (Chinese labels).
std::string to_text(const ApprovalGraph& graph);
/// Everything in the graph as a JSON object (2-space indent).
std::string to_json(const ApprovalGraph& graph);
/// Graphviz DOT: stages as clusters, the critical path in bold red.
std::string to_dot(const ApprovalGraph& graph);
/// Markdown with a Mermaid flowchart and, when dated, a Gantt chart.
std::string to_mermaid(const ApprovalGraph& graph);

}  // namespace shenpi
