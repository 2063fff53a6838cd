// errcontract fixtures: what the case library needs from a target. Each
// declared fixture, what it is, the cases and codes that need it, whether
// the fixtures file and the environment provide it, and how it can be
// obtained. Secret values are never printed; others are, so they can be
// checked against the target.
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <set>

#include "cases_dir.h"
#include "commands.h"
#include "config_file.h"
#include "errcontract/case.h"
#include "errcontract/fixture_declarations.h"
#include "fixture_sources.h"

namespace errcontract::cli {
namespace {

struct Options {
  std::string cases_dir;
  std::string fixtures_file;
};

struct Need {
  std::vector<std::string> cases;
  std::set<std::string> codes;
};

// "file (value)", "file" for a secret; "" when `from` lacks it.
std::string provided_by(const Fixtures& from, const std::string& name, const std::string& source,
                        bool secret) {
  auto it = from.find(name);
  if (it == from.end()) return {};
  return secret ? source : fmt::format("{} ({})", source, it->second);
}

void print_fixture(const FixtureDeclaration& d, const Need& need, const ProvidedFixtures& provided,
                   const std::string& file, std::ostream& out) {
  out << fmt::format("{}{}: {}\n", d.name, d.secret ? " (secret)" : "", d.about);
  if (need.cases.empty()) {
    out << "  needed by no case\n";
  } else {
    out << fmt::format("  needed by {} case{} for {} code{}: {}\n", need.cases.size(),
                       need.cases.size() == 1 ? "" : "s", need.codes.size(),
                       need.codes.size() == 1 ? "" : "s", fmt::join(need.codes, " "));
  }
  std::vector<std::string> sources;
  const std::string var = fixture_variable(d.name);
  if (auto s = provided_by(provided.from_environment, d.name, var, d.secret); !s.empty()) {
    sources.push_back(s);
  }
  if (auto s = provided_by(provided.from_file, d.name, file, d.secret); !s.empty()) {
    sources.push_back(s);
  }
  std::string line = sources.empty() ? "not provided" : fmt::format("{}", fmt::join(sources, ", "));
  out << "  provided by: " << line << "\n";
  if (d.obtain) {
    std::vector<std::string> missing;
    for (const auto& input : d.obtain->inputs) {
      if (provided.merged.count(input) == 0) missing.push_back(input);
    }
    out << fmt::format(
        "  obtained with: {} {} (using {}){}\n", d.obtain->request.method, d.obtain->request.path,
        fmt::join(d.obtain->inputs, ", "),
        missing.empty() ? "" : fmt::format("; not provided: {}", fmt::join(missing, ", ")));
  }
}

int fixtures(const Options& opts, Context& ctx) {
  const Catalog* catalog = ctx.catalog();
  if (catalog == nullptr) return kExitUsage;
  auto dir = find_cases_dir(opts.cases_dir);
  if (!dir.ok()) {
    std::cerr << "errcontract: " << dir.status().message() << "\n";
    return kExitUsage;
  }
  auto library = CaseLibrary::load_dir(*dir, *catalog);
  if (!library.ok()) {
    std::cerr << "errcontract: " << library.status().message() << "\n";
    return kExitUsage;
  }
  auto provided = read_provided_fixtures(opts.fixtures_file);
  if (!provided.ok()) {
    std::cerr << "errcontract: " << provided.status().message() << "\n";
    return kExitUsage;
  }
  warn_about_provided(*library, *provided, opts.fixtures_file, std::cerr);

  std::map<std::string, Need> needs;
  for (const Case& c : library->cases) {
    for (const auto& name : c.fixtures) {
      needs[name].cases.push_back(c.id);
      needs[name].codes.insert(c.code);
    }
  }
  const FixtureDeclarations& declared = *library->declared;
  int needed = 0, provided_needed = 0;
  for (const FixtureDeclaration& d : declared.list) {
    const Need& need = needs[d.name];
    print_fixture(d, need, *provided, opts.fixtures_file, std::cout);
    if (!need.cases.empty()) {
      ++needed;
      if (provided->merged.count(d.name) != 0) ++provided_needed;
    }
  }
  std::cout << fmt::format(
      "{} fixtures declared in {}; {} needed by cases, {} of them provided{}\n",
      declared.list.size(), declared.file, needed, provided_needed,
      opts.fixtures_file.empty() ? " (by the environment; --fixtures F adds a file)" : "");
  return kExitOk;
}

}  // namespace

void register_fixtures(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "fixtures",
      "List the fixtures the case library declares: what each is, the cases and codes that "
      "need it, and whether --fixtures F and ERRC_FIXTURE_<NAME> provide it");
  add_config_options(cmd);
  cmd->add_option("--cases", opts->cases_dir, kCasesHelp);
  add_fixtures_option(cmd, opts->fixtures_file);
  cmd->callback([opts, &ctx] { ctx.exit_code = fixtures(*opts, ctx); });
}

}  // namespace errcontract::cli
