// errcontract catalog show|lint|export: the error table as data.
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cases_dir.h"
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

struct LintOptions {
  bool fail_on_findings = false;
  std::string table;  // the raw table; "" = the one built in
  std::string format = "text";
};

int lint(Context& ctx, const LintOptions& options) {
  const Catalog* catalog = ctx.catalog();
  if (catalog == nullptr) return kExitUsage;
  std::string table_text(builtin_error_table());
  std::string table_name = "docs/error-codes.txt";
  if (!options.table.empty()) {
    std::ifstream in(options.table, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      std::cerr << "errcontract: " << options.table << ": cannot read\n";
      return kExitUsage;
    }
    table_text = bytes.str();
    table_name = options.table;
  }
  auto issues = lint_catalog(*catalog, table_text);
  const int exit_code = options.fail_on_findings && !issues.empty() ? kExitFailure : kExitOk;
  if (options.format == "json") {
    std::cout << lint_issues_json(issues, catalog->documented_count());
    return exit_code;
  }
  std::map<std::string, int> per_rule;
  for (const auto& issue : issues) {
    std::cout << (issue.code.empty() ? "-----" : issue.code) << " " << issue.rule << ": "
              << issue.message;
    if (issue.line != 0) std::cout << " (" << table_name << ":" << issue.line << ")";
    std::cout << "\n";
    ++per_rule[issue.rule];
  }
  std::cout << issues.size() << " issues in " << catalog->documented_count() << " documented codes";
  for (const auto& [rule, count] : per_rule) std::cout << "; " << rule << " " << count;
  std::cout << "\n";
  return exit_code;
}

struct ExportOptions {
  std::string format = "json";
  std::string output;
  std::string cases_dir;  // where cases/api.json is, for openapi
};

// The export in `format`; openapi also reads the API surface (api.json).
Result<std::string> export_text(const Catalog& catalog, const ExportOptions& options) {
  if (options.format == "json") return export_catalog_json(catalog);
  if (options.format == "md") return export_catalog_markdown(catalog);
  auto cases_dir = find_cases_dir(options.cases_dir);
  if (!cases_dir.ok()) return cases_dir.status();
  auto surface = ApiSurface::load_file(*cases_dir + "/api.json", catalog);
  if (!surface.ok()) return surface.status();
  return export_openapi(catalog, *surface);
}

int export_catalog(Context& ctx, const ExportOptions& options) {
  const Catalog* catalog = ctx.catalog();
  if (catalog == nullptr) return kExitUsage;
  auto exported = export_text(*catalog, options);
  if (!exported.ok()) {
    std::cerr << "errcontract: " << exported.status().message() << "\n";
    return kExitUsage;
  }
  const std::string& text = *exported;
  const std::string& output = options.output;
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

  auto lint_options = std::make_shared<LintOptions>();
  auto* lint_cmd = cmd->add_subcommand("lint", "List the error table's own defects");
  lint_cmd->add_flag("--fail-on-findings", lint_options->fail_on_findings,
                     "exit 1 when any defect is found");
  lint_cmd->add_option("--table", lint_options->table,
                       "the raw table to read (default: docs/error-codes.txt, built in)");
  lint_cmd->add_option("--format", lint_options->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  lint_cmd->callback([lint_options, &ctx] { ctx.exit_code = lint(ctx, *lint_options); });

  auto export_options = std::make_shared<ExportOptions>();
  auto* export_cmd = cmd->add_subcommand(
      "export", "Export the catalog as JSON or Markdown, or the API surface as OpenAPI 3.1");
  export_cmd
      ->add_option("--format", export_options->format,
                   "json, md, or openapi (cases/api.json with the documented codes as responses)")
      ->check(CLI::IsMember({"json", "md", "openapi"}))
      ->capture_default_str();
  export_cmd->add_option("-o,--output", export_options->output,
                         "file to write (default: standard output)");
  export_cmd->add_option(
      "--cases", export_options->cases_dir,
      "with openapi: the case library whose api.json to read; " + std::string(kCasesHelp));
  export_cmd->callback(
      [export_options, &ctx] { ctx.exit_code = export_catalog(ctx, *export_options); });
}

}  // namespace errcontract::cli
