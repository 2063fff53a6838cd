// Each subcommand registers itself on the CLI11 app and stores its exit code
// in the shared context once it has run. Exceptions stop at this edge.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "errcontract/catalog.h"
#include "errcontract/exit_codes.h"

namespace errcontract::cli {

struct Context {
  std::string catalog_path;  // --catalog; "" = the built-in catalog
  int exit_code = kExitOk;

  // The catalog to use; on error prints it and returns nullptr.
  const Catalog* catalog();

 private:
  std::optional<Catalog> loaded_;
};

void register_check_envelope(CLI::App& app, Context& ctx);
void register_catalog(CLI::App& app, Context& ctx);
void register_run(CLI::App& app, Context& ctx);
void register_serve(CLI::App& app, Context& ctx);
void register_list(CLI::App& app, Context& ctx);
void register_checks(CLI::App& app, Context& ctx);
void register_fixtures(CLI::App& app, Context& ctx);
void register_teardown(CLI::App& app, Context& ctx);
void register_report(CLI::App& app, Context& ctx);
void register_fuzz_api(CLI::App& app, Context& ctx);

}  // namespace errcontract::cli
