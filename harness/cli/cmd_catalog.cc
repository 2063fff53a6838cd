// errcontract catalog show|lint|export: the error table as data.
#include <fstream>
#include <iostream>
#include <map>

#include "commands.h"
#include "errcontract/catalog_export.h"
#include "errcontract/catalog_lint.h"

namespace errcontract::cli {
namespace {

int show(Context& ctx, const std::string& code) {
  const Catalog* catalog = ctx.catalog();
  if (catalog == nullptr) return kExitUsage;
  const CodeEntry* entry = catalog->find(code);
  if (entry == nullptr) {
    std::cerr << "errcontract: code " << code << " is not in the catalog\n";
    return kExitUsage;
  }
  std::cout << describe_code(*entry);
  return kExitOk;
}

int lint(Context& ctx, bool fail_on_findings) {
  const Catalog* catalog = ctx.catalog();
  if (catalog == nullptr) return kExitUsage;
  auto issues = lint_catalog(*catalog);
  std::map<std::string, int> per_rule;
  for (const auto& issue : issues) {
    std::cout << (issue.code.empty() ? "-----" : issue.code) << " " << issue.rule << ": "
              << issue.message << "\n";
    ++per_rule[issue.rule];
  }
  std::cout << issues.size() << " issues in " << catalog->documented_count() << " documented codes";
  for (const auto& [rule, count] : per_rule) std::cout << "; " << rule << " " << count;
  std::cout << "\n";
  return fail_on_findings && !issues.empty() ? kExitFailure : kExitOk;
}

int export_catalog(Context& ctx, const std::string& format, const std::string& output) {
  const Catalog* catalog = ctx.catalog();
  if (catalog == nullptr) return kExitUsage;
  std::string text =
      format == "json" ? export_catalog_json(*catalog) : export_catalog_markdown(*catalog);
  if (output.empty() || output == "-") {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream out(output, std::ios::binary);
  out << text;
  if (!out.flush()) {
    std::cerr << "errcontract: " << output << ": cannot write\n";
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

void register_catalog(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("catalog", "Show, lint or export the error catalog");
  cmd->require_subcommand(1);

  auto code = std::make_shared<std::string>();
  auto* show_cmd = cmd->add_subcommand("show", "Show everything the catalog says about a code");
  show_cmd->add_option("code", *code, "five-digit error code")->required();
  show_cmd->callback([code, &ctx] { ctx.exit_code = show(ctx, *code); });

  auto fail = std::make_shared<bool>(false);
  auto* lint_cmd = cmd->add_subcommand("lint", "List the error table's own defects");
  lint_cmd->add_flag("--fail-on-findings", *fail, "exit 1 when any defect is found");
  lint_cmd->callback([fail, &ctx] { ctx.exit_code = lint(ctx, *fail); });

  auto format = std::make_shared<std::string>("json");
  auto output = std::make_shared<std::string>();
  auto* export_cmd = cmd->add_subcommand("export", "Export the catalog as JSON or Markdown");
  export_cmd->add_option("--format", *format, "json or md")
      ->check(CLI::IsMember({"json", "md"}))
      ->capture_default_str();
  export_cmd->add_option("-o,--output", *output, "file to write (default: standard output)");
  export_cmd->callback(
      [format, output, &ctx] { ctx.exit_code = export_catalog(ctx, *format, *output); });
}

}  // namespace errcontract::cli
