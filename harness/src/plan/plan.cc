// plan_cases: which cases a run executes, in library order. Selectors are
// matched against a case's id, code, module and tags; sharding splits the
// filtered list round-robin so shards stay balanced whatever the filters.
#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cases/case_json.h"
#include "errcontract/catalog.h"
#include "errcontract/fixture_declarations.h"
#include "errcontract/runner.h"

namespace errcontract {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A selector is, by shape: two digits = a module ("12"), three digits = level
// plus module ("212"), five digits = a code; otherwise a case id, a module
// name ("bucket") or a tag.
bool matches(const Case& c, const Catalog& catalog, std::string_view selector) {
  if (all_digits(selector)) {
    switch (selector.size()) {
      case 2:
        return c.module() == selector;
      case 3:
        return c.code.size() == 5 && std::string_view(c.code).substr(0, 3) == selector;
      case 5:
        return c.code == selector;
      default:
        break;
    }
  }
  if (c.id == selector || c.has_tag(selector)) return true;
  const CodeEntry* entry = catalog.find(c.code);
  return entry != nullptr && entry->module_name == selector;
}

bool matches_any(const Case& c, const Catalog& catalog, const std::vector<std::string>& selectors) {
  for (const auto& s : selectors) {
    if (matches(c, catalog, s)) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> selectors_matching_nothing(const CaseLibrary& library,
                                                    const Catalog& catalog,
                                                    const std::vector<std::string>& selectors) {
  std::vector<std::string> out;
  for (const auto& s : selectors) {
    const bool any = std::any_of(library.cases.begin(), library.cases.end(),
                                 [&](const Case& c) { return matches(c, catalog, s); });
    if (!any) out.push_back(s);
  }
  return out;
}

std::vector<UnknownFixture> unknown_fixtures(const CaseLibrary& library, const Fixtures& provided) {
  // Known: what the library declares (inputs of an obtain request too), or,
  // for a library without declarations, what its cases use.
  std::set<std::string, std::less<>> known;
  if (library.declared != nullptr && !library.declared->missing) {
    for (const auto& d : library.declared->list) known.insert(d.name);
  } else {
    for (const auto& c : library.cases) known.insert(c.fixtures.begin(), c.fixtures.end());
  }
  const std::vector<std::string_view> names(known.begin(), known.end());
  std::vector<UnknownFixture> out;
  for (const auto& [name, value] : provided) {
    if (known.count(name) == 0) out.push_back({name, internal::did_you_mean(name, names)});
  }
  return out;
}

std::vector<const Case*> plan_cases(const CaseLibrary& library, const Catalog& catalog,
                                    const RunOptions& options) {
  std::vector<const Case*> selected;
  for (const auto& c : library.cases) {
    if (!options.only.empty() && !matches_any(c, catalog, options.only)) continue;
    if (matches_any(c, catalog, options.exclude)) continue;
    selected.push_back(&c);
  }
  const int count = options.shard_count < 1 ? 1 : options.shard_count;
  if (count == 1) return selected;
  std::vector<const Case*> shard;
  for (std::size_t i = 0; i < selected.size(); ++i) {
    if (static_cast<int>(i % static_cast<std::size_t>(count)) == options.shard_index) {
      shard.push_back(selected[i]);
    }
  }
  return shard;
}

}  // namespace errcontract
