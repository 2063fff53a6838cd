// errcontract list (the cases) and errcontract coverage (the table against
// the case library, without running anything).
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <optional>

#include "cases_dir.h"
#include "commands.h"
#include "errcontract/case.h"

namespace errcontract::cli {
namespace {

// The catalog and the case library, or nullopt once the problem is printed.
std::optional<CaseLibrary> load(Context& ctx, const std::string& dir, const Catalog*& catalog) {
  catalog = ctx.catalog();
  if (catalog == nullptr) return std::nullopt;
  auto found = find_cases_dir(dir);
  if (!found.ok()) {
    std::cerr << "errcontract: " << found.status().message() << "\n";
    return std::nullopt;
  }
  auto library = CaseLibrary::load_dir(found.value(), *catalog);
  if (!library.ok()) {
    std::cerr << "errcontract: " << library.status().message() << "\n";
    return std::nullopt;
  }
  return std::move(library).value();
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += out.empty() ? item : separator + item;
  return out;
}

int list(Context& ctx, const std::string& dir) {
  const Catalog* catalog = nullptr;
  auto library = load(ctx, dir, catalog);
  if (!library) return kExitUsage;
  for (const auto& c : library->cases) {
    const CodeEntry* entry = catalog->find(c.code);
    const char* module = entry != nullptr ? entry->module_name.c_str() : "?";
    if (c.code.empty()) module = "(contract)";  // a case that names no code
    std::cout << fmt::format("{:<5}  {:<10} {:<44} [{}]\n", c.code.empty() ? "-" : c.code, module,
                             c.id, join(c.tags, ", "));
  }
  std::cout << library->cases.size() << " cases\n";
  return kExitOk;
}

// Per module, per code, per endpoint of the code: the cases whose trigger is
// on it. Exit 1 when a documented code, or one of its endpoints, has no case.
int coverage(Context& ctx, const std::string& dir) {
  const Catalog* catalog = nullptr;
  auto library = load(ctx, dir, catalog);
  if (!library) return kExitUsage;
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> cases_by_pair;
  // A case expecting the contract proves no code (a run counts it nowhere either).
  for (const auto& c : library->cases) {
    if (!c.trigger.expect.contract) cases_by_pair[{c.code, c.endpoint}].push_back(c.id);
  }

  int documented = 0, covered = 0, pairs = 0, pairs_covered = 0;
  std::string module;
  int module_total = 0, module_covered = 0;
  std::string module_lines;
  auto flush_module = [&] {
    if (module.empty()) return;
    std::cout << fmt::format("{}: {}/{} codes have a case\n{}", module, module_covered,
                             module_total, module_lines);
    module_lines.clear();
    module_total = module_covered = 0;
  };
  for (const auto& e : catalog->entries()) {
    std::string this_module = e.code.substr(0, 3) + " " + e.module_name;
    if (this_module != module) {
      flush_module();
      module = this_module;
    }
    std::string endpoint_lines;
    int endpoints_covered = 0;
    for (const auto& endpoint : e.endpoints) {
      auto it = cases_by_pair.find({e.code, endpoint.text()});
      const bool has_case = it != cases_by_pair.end();
      endpoints_covered += has_case ? 1 : 0;
      endpoint_lines += has_case ? fmt::format("    covered  {:<36} {}\n", endpoint.text(),
                                               join(it->second, ", "))
                                 : fmt::format("    NO CASE  {}\n", endpoint.text());
    }
    const bool has_case = endpoints_covered > 0;
    ++module_total;
    module_covered += has_case ? 1 : 0;
    if (!e.is_extension()) {
      ++documented;
      covered += has_case ? 1 : 0;
      pairs += static_cast<int>(e.endpoints.size());
      pairs_covered += endpoints_covered;
    }
    module_lines +=
        fmt::format("  {} {:<8} {}/{} endpoints{}\n{}", e.code, has_case ? "covered" : "NO CASE",
                    endpoints_covered, e.endpoints.size(), e.is_extension() ? " (extension)" : "",
                    endpoint_lines);
  }
  flush_module();
  std::cout << fmt::format(
      "documented codes with a case: {}/{}; (code, endpoint) pairs with a case: {}/{}; cases: "
      "{}\n",
      covered, documented, pairs_covered, pairs, library->cases.size());
  return covered == documented && pairs_covered == pairs ? kExitOk : kExitFailure;
}

}  // namespace

void register_list(CLI::App& app, Context& ctx) {
  auto dir = std::make_shared<std::string>();
  auto* list_cmd = app.add_subcommand("list", "List the cases with their code, module and tags");
  list_cmd->add_option("--cases", *dir, kCasesHelp);
  list_cmd->callback([dir, &ctx] { ctx.exit_code = list(ctx, *dir); });

  auto* cov_cmd = app.add_subcommand(
      "coverage",
      "The error table against the case library, per code and endpoint; exit 1 if a documented "
      "code or one of its endpoints has no case");
  cov_cmd->add_option("--cases", *dir, kCasesHelp);
  cov_cmd->callback([dir, &ctx] { ctx.exit_code = coverage(ctx, *dir); });
}

}  // namespace errcontract::cli
