#include "fault_options.h"

#include <cctype>

namespace errcontract::cli {
namespace {

std::string mode_list() {
  std::string out;
  for (const FaultModeInfo& info : fault_modes()) {
    if (!out.empty()) out += ", ";
    out += info.name;
  }
  return out;
}

}  // namespace

void add_fault_options(CLI::App* cmd, FaultOptions& options, const std::string& what_for) {
  CLI::Validator mode_check(
      [](std::string& value) -> std::string {
        if (find_fault_mode(value) != nullptr) return {};
        return "unknown fault mode \"" + value + "\"; one of: " + mode_list();
      },
      "MODE");
  CLI::Validator code_check(
      [](std::string& value) -> std::string {
        bool digits = value.size() == 5;
        for (char c : value) digits = digits && std::isdigit(static_cast<unsigned char>(c)) != 0;
        if (digits) return {};
        return "--fault-code must be a five-digit error code such as 21402, got \"" + value + "\"";
      },
      "CODE");
  auto* fault = cmd->add_option("--fault", options.mode,
                                "break the contract on every error response of " + what_for +
                                    " (docs/fault-modes.md): " + mode_list())
                    ->check(mode_check);
  cmd->add_option("--fault-code", options.code,
                  "with --fault: break only the responses that carry this error_code")
      ->check(code_check)
      ->needs(fault);
}

std::string apply_fault_options(const FaultOptions& options, ReferenceServer& server) {
  if (options.mode.empty()) return {};
  const FaultModeInfo* info = find_fault_mode(options.mode);
  if (info == nullptr) return {};  // rejected while parsing
  server.set_fault(info->mode, options.code);
  return "fault " + std::string(info->name) + " on " +
         (options.code.empty() ? std::string("every error response")
                               : "responses with error_code " + options.code);
}

}  // namespace errcontract::cli
