// errcontract: one binary, one subcommand per concern (cmd_*.cc).
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "config_file.h"

namespace errcontract::cli {

const Catalog* Context::catalog() {
  if (catalog_path.empty()) return &Catalog::builtin();
  if (!loaded_) {
    auto loaded = Catalog::load_file(catalog_path);
    if (!loaded.ok()) {
      std::cerr << "errcontract: " << loaded.status().message() << "\n";
      return nullptr;
    }
    loaded_ = std::move(loaded).value();
  }
  return &*loaded_;
}

}  // namespace errcontract::cli

int main(int argc, char** argv) {
  using namespace errcontract;
  using namespace errcontract::cli;
  CLI::App app{"errcontract: contract tests and fuzzing for an HTTP API's documented error table"};
  app.name("errcontract");
  // At most one; none is reported after parsing, so that a misspelt
  // subcommand is named ("not expected: runn") rather than reported missing.
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", "errcontract " ERRC_VERSION);
  // Global options (--catalog) work before or after the subcommand.
  app.fallthrough();
  Context ctx;
  app.add_option("--catalog", ctx.catalog_path,
                 "catalog JSON to use instead of the built-in cases/catalog.json")
      ->check(CLI::ExistingFile);

  register_check_envelope(app, ctx);
  register_catalog(app, ctx);
  register_run(app, ctx);
  register_serve(app, ctx);
  register_list(app, ctx);
  register_checks(app, ctx);
  register_fixtures(app, ctx);
  register_teardown(app, ctx);
  register_report(app, ctx);
  register_fuzz_api(app, ctx);

  // --config: the file's options go in front of the command line's.
  auto args = with_config_arguments(app, std::vector<std::string>(argv, argv + argc));
  if (!args.ok()) {
    std::cerr << "errcontract: " << args.status().message() << "\n";
    return kExitUsage;
  }
  std::vector<char*> words;
  for (std::string& word : *args) words.push_back(word.data());
  try {
    app.parse(static_cast<int>(words.size()), words.data());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "errcontract: " << e.what() << "\nRun 'errcontract --help' for usage.\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "errcontract: internal error: " << e.what() << "\n";
    return kExitUsage;
  }
  if (app.get_subcommands().empty()) {
    std::string names;
    for (const CLI::App* sub : app.get_subcommands({})) {
      names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    std::cerr << "errcontract: a subcommand is required (" << names
              << ")\nRun 'errcontract --help' for usage.\n";
    return kExitUsage;
  }
  return ctx.exit_code;
}
