// errcontract serve: the reference server on a socket until SIGINT/SIGTERM.
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <signal.h>

#include <fstream>
#include <iostream>

#include "commands.h"
#include "errcontract/reference_server.h"
#include "fault_options.h"
#include "range_check.h"

namespace errcontract::cli {
namespace {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string fixtures_out;
  FaultOptions fault;
  std::string code_type = "string";
};

std::string fixtures_json(const Fixtures& fixtures) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  for (const auto& [name, value] : fixtures) {
    w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

int serve(const Options& opts, Context& ctx) {
  const Catalog* catalog = ctx.catalog();
  if (catalog == nullptr) return kExitUsage;

  // Block the stop signals before any server thread exists, so that every
  // thread inherits the mask and only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  ReferenceServer server(*catalog);
  const std::string fault = apply_fault_options(opts.fault, server);
  if (opts.code_type == "number") server.set_code_type(CodeType::kNumber);
  auto port = server.start(opts.host, opts.port);
  if (!port.ok()) {
    std::cerr << "errcontract: serve: " << port.status().message() << "\n";
    return kExitUsage;
  }
  if (!opts.fixtures_out.empty()) {
    std::ofstream out(opts.fixtures_out, std::ios::binary | std::ios::trunc);
    out << fixtures_json(server.fixtures());
    if (!out.flush()) {
      std::cerr << "errcontract: " << opts.fixtures_out << ": cannot write\n";
      return kExitUsage;
    }
  }
  std::cout << "errcontract reference server listening on http://" << opts.host << ":" << *port
            << " (" << server.fixtures().size() << " fixtures"
            << (opts.fixtures_out.empty() ? "" : ", written to " + opts.fixtures_out)
            << (fault.empty() ? "" : "; " + fault)
            << (opts.code_type == "number" ? "; error_code sent as a JSON number" : "")
            << "); Ctrl-C stops it" << std::endl;
  int received = 0;
  sigwait(&stop_signals, &received);
  server.stop();
  std::cout << "errcontract reference server stopped ("
            << (received == SIGINT ? "SIGINT" : "SIGTERM") << ")" << std::endl;
  return kExitOk;
}

}  // namespace

void register_serve(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("serve", "Run the reference server (the whole API surface)");
  cmd->add_option("--host", opts->host, "address to listen on")->capture_default_str();
  cmd->add_option("--port", opts->port, "port to listen on (0 = any free port)")
      ->capture_default_str()
      ->check(in_range(0, 65535));
  cmd->add_option("--fixtures-out", opts->fixtures_out,
                  "write the seeded fixtures (JSON) here, for run --fixtures");
  add_fault_options(cmd, opts->fault, "the server");
  cmd->add_option("--code-type", opts->code_type,
                  "error_code as the table writes it (string) or as a JSON number, the way the "
                  "real service most likely sent it (pair with run --lenient)")
      ->capture_default_str()
      ->check(CLI::IsMember({"string", "number"}));
  cmd->callback([opts, &ctx] { ctx.exit_code = serve(*opts, ctx); });
}

}  // namespace errcontract::cli
