// Rulebook introspection as plain Python data: lists of flat dicts, one per
// row, so `pandas.DataFrame(book.materials())` needs no glue. Rows of
// per-item tables carry the item code, so one call can cover every item.
#include <functional>

#include "wrappers.hpp"

namespace shenpi::python {
namespace {

/// Introspection lists the current version of each code (Rulebook::find_item);
/// older versions are reached with guide(code, as_of=...).
bool current(const BookHandle& self, const Item& item) {
  return self.book->find_item(item.code) == &item;
}

using RulebookClass = py::class_<BookHandle, std::shared_ptr<BookHandle>>;
using Row = py::dict;

const char* source_name(Material::Source source) {
  return source == Material::Source::shared ? "shared" : "applicant";
}

/// The legal basis a material or condition cites, as its title: the item's
/// basis by id, or the catalogue entry's for a `use:` material.
std::string basis_title(const Rulebook& book, const Item& item, const std::string& basis,
                        const std::string& catalog_id) {
  if (const LegalBasis* b = item.find_basis(basis)) return b->title;
  if (!catalog_id.empty()) {
    for (const auto& c : book.catalog()) {
      if (c.id == catalog_id) return c.basis_title;
    }
  }
  return {};
}

std::string requirement(const Material& m) {
  switch (m.requirement) {
    case Material::Requirement::always:
      return "always";
    case Material::Requirement::never:
      return "never";
    case Material::Requirement::when:
      return m.required.text();
  }
  return "always";
}

/// Rows of `per_item` for one item (`code` given) or for every item.
py::list rows(const BookHandle& self, const std::optional<std::string>& code,
              const std::function<void(const Item&, py::list&)>& per_item) {
  py::list out;
  if (code) {
    const Item* item = self.book->find_item(*code);
    if (item == nullptr) throw py::key_error("no item '" + *code + "' in the rulebook");
    per_item(*item, out);
    return out;
  }
  for (const auto& item : self.book->items()) {
    if (current(self, item)) per_item(item, out);
  }
  return out;
}

Row item_row(const Item& item) {
  Row r;
  r["code"] = item.code;
  r["name"] = item.name;
  r["version"] = item.version;
  r["kind"] = item.kind;
  r["authority"] = item.authority;
  r["reform"] = item.reform;
  r["online"] = item.service.online;
  r["max_visits"] = item.service.max_visits;
  r["n_conditions"] = item.conditions.size();
  r["n_materials"] = item.materials.size();
  r["n_steps"] = item.steps.size();
  r["tolerance_policy"] = item.tolerance.present;
  // The 容缺 policy, for "how many would it let through" questions.
  r["tolerance_when"] = item.tolerance.present ? py::cast(item.tolerance.when.text()) : py::none();
  r["tolerance_max_missing"] = item.tolerance.present && item.tolerance.max_missing >= 0
                                   ? py::cast(item.tolerance.max_missing)
                                   : py::none();
  r["statutory"] = item.time_limit.statutory.to_string();
  r["promised"] = item.time_limit.promised.to_string();
  r["file"] = item.location.file;
  return r;
}

Row material_row(const Rulebook& book, const Item& item, const Material& m) {
  Row r;
  r["item"] = item.code;
  r["id"] = m.id;
  r["name"] = m.name;
  r["source"] = source_name(m.source);
  r["required"] = requirement(m);
  r["tolerable"] = m.tolerable;
  r["core"] = m.core;
  r["commitment_allowed"] = m.commitment_allowed;
  r["original"] = m.form.original;
  r["copies"] = m.form.copies;
  r["electronic"] = m.form.electronic;
  r["issuer"] = m.issuer;
  r["basis"] = m.basis;
  r["basis_title"] = basis_title(book, item, m.basis, m.catalog_id);
  r["catalog_id"] = m.catalog_id;
  return r;
}

Row condition_row(const Rulebook& book, const Item& item, const Condition& c) {
  Row r;
  r["item"] = item.code;
  r["id"] = c.id;
  r["text"] = c.text;
  r["when"] = c.when.text();
  r["on_fail"] = c.on_fail == Condition::OnFail::reject ? "reject" : "supplement";
  r["commitment_allowed"] = c.commitment_allowed;
  r["basis"] = c.basis;
  r["basis_title"] = basis_title(book, item, c.basis, {});
  return r;
}

Row fact_row(const Fact& f, const std::string& scope) {
  Row r;
  r["path"] = f.path;
  r["type"] = to_string(f.type);
  r["label"] = f.label;
  r["values"] = f.values;
  r["scope"] = scope;  // "shared" (facts.yaml) or the code of the item declaring it
  return r;
}

Row time_limit_row(const Item& item) {
  const TimeLimit& t = item.time_limit;
  const auto unit = [](const Duration& d) {
    return d.unit == Duration::Unit::working_days ? "working_days" : "natural_days";
  };
  Row r;
  r["item"] = item.code;
  r["name"] = item.name;
  r["statutory"] = t.statutory.to_string();
  r["statutory_days"] = t.statutory.count;
  r["statutory_unit"] = unit(t.statutory);
  r["promised"] = t.promised.to_string();
  r["promised_days"] = t.promised.count;
  r["promised_unit"] = unit(t.promised);
  r["extension"] = duration_text(t.extension);
  // Working days as graphs count them (natural days scaled by 5/7).
  r["statutory_working_days"] = working_days(t.statutory);
  r["promised_working_days"] = working_days(t.promised);
  r["tolerance_supply_within"] =
      item.tolerance.present ? duration_text(item.tolerance.supply_within) : py::none();
  return r;
}

Row bundle_row(const Bundle& b) {
  Row r;
  std::vector<std::string> stages;
  std::vector<std::string> items;
  for (const auto& s : b.stages) {
    stages.push_back(s.id);
    items.insert(items.end(), s.items.begin(), s.items.end());
  }
  r["code"] = b.code;
  r["name"] = b.name;
  r["target"] = duration_text(b.target);
  r["stages"] = stages;
  r["items"] = items;
  r["n_items"] = items.size();
  r["file"] = b.location.file;
  return r;
}

void define_tables(RulebookClass& cls) {
  using Code = std::optional<std::string>;
  cls.def(
      "items",
      [](const BookHandle& self) {
        py::list out;
        for (const auto& item : self.book->items()) {
          if (current(self, item)) out.append(item_row(item));
        }
        return out;
      },
      "One dict per item: code, name, version, kind, authority, reform, online, max_visits, "
      "n_conditions, "
      "n_materials, n_steps, tolerance_policy, tolerance_when, tolerance_max_missing (None: no "
      "cap), statutory, "
      "promised, file.");
  cls.def(
      "materials",
      [](const BookHandle& self, const Code& code) {
        return rows(self, code, [&](const Item& item, py::list& out) {
          for (const auto& m : item.materials) out.append(material_row(*self.book, item, m));
        });
      },
      py::arg("code") = py::none(),
      "Materials of item ``code`` (every item when None), one dict each: item, id, name, source, "
      "required "
      "(always | never | expression), tolerable, core, commitment_allowed, original, copies, "
      "electronic, issuer, "
      "basis, basis_title, catalog_id. KeyError for an unknown item.");
  cls.def(
      "conditions",
      [](const BookHandle& self, const Code& code) {
        return rows(self, code, [&](const Item& item, py::list& out) {
          for (const auto& c : item.conditions) out.append(condition_row(*self.book, item, c));
        });
      },
      py::arg("code") = py::none(),
      "Conditions of item ``code`` (every item when None): item, id, text, when, on_fail, "
      "commitment_allowed, "
      "basis, basis_title.");
  cls.def(
      "facts",
      [](const BookHandle& self, const Code& code) {
        py::list out;
        if (code) {
          const Item* item = self.book->find_item(*code);
          if (item == nullptr) throw py::key_error("no item '" + *code + "' in the rulebook");
        }
        for (const auto& f : self.book->facts()) out.append(fact_row(f, "shared"));
        for (const auto& item : self.book->items()) {
          if ((code && item.code != *code) || !current(self, item)) continue;
          for (const auto& f : item.facts) out.append(fact_row(f, item.code));
        }
        return out;
      },
      py::arg("code") = py::none(),
      "Declared facts: path, type, label, values (enum), scope ('shared' or the declaring item). "
      "With ``code``, "
      "the facts that item can read.");
  cls.def(
      "time_limits",
      [](const BookHandle& self) {
        py::list out;
        for (const auto& item : self.book->items()) {
          if (current(self, item)) out.append(time_limit_row(item));
        }
        return out;
      },
      "One dict per item: statutory and promised limits (text, days, unit, working days), "
      "extension, "
      "tolerance_supply_within.");
  cls.def(
      "steps",
      [](const BookHandle& self, const Code& code) {
        return rows(self, code, [](const Item& item, py::list& out) {
          for (const auto& s : item.steps) {
            Row r;
            r["item"] = item.code;
            r["id"] = s.id;
            r["name"] = s.name;
            r["takes"] = s.takes.to_string();
            r["special"] = s.special;
            r["when"] = s.when.text();
            out.append(r);
          }
        });
      },
      py::arg("code") = py::none(),
      "Procedure steps: item, id, name, takes, special (not counted), when.");
  cls.def(
      "outputs",
      [](const BookHandle& self, const Code& code) {
        return rows(self, code, [](const Item& item, py::list& out) {
          for (const auto& o : item.outputs) {
            Row r;
            r["item"] = item.code;
            r["id"] = o.id;
            r["name"] = o.name;
            r["valid_for"] = o.valid_for;
            out.append(r);
          }
        });
      },
      py::arg("code") = py::none(),
      "What items produce (licences, certificates): item, id, name, valid_for.");
  cls.def(
      "bundles",
      [](const BookHandle& self) {
        py::list out;
        for (const auto& b : self.book->bundles()) out.append(bundle_row(b));
        return out;
      },
      "One dict per bundle (一件事): code, name, target, stages (ids), items (codes, stage order), "
      "n_items, file.");
  cls.def(
      "catalog",
      [](const BookHandle& self) {
        py::list out;
        for (const auto& c : self.book->catalog()) {
          Row r;
          r["id"] = c.id;
          r["name"] = c.name;
          r["issuer"] = c.issuer;
          r["source"] = source_name(c.source);
          r["basis_title"] = c.basis_title;
          out.append(r);
        }
        return out;
      },
      "The shared material catalogue (materials.yaml): id, name, issuer, source, basis_title.");
}

}  // namespace

void init_introspect(RulebookClass& cls) {
  define_tables(cls);
}

}  // namespace shenpi::python
