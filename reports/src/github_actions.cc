// GitHub Actions annotations and step summary (errcontract/github_actions.h).
#include "errcontract/github_actions.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

#include "errcontract/reports.h"

namespace errcontract {
namespace {

// Workflow commands: the message escapes %, CR and LF; a property value
// also ':' and ','.
std::string escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string file_for_annotation(const std::string& file, const std::string& workspace) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path path = fs::weakly_canonical(file, ec);
  const fs::path base = fs::weakly_canonical(workspace.empty() ? "." : workspace, ec);
  if (!ec && !path.empty()) {
    const fs::path relative = path.lexically_relative(base);
    if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  }
  return "cases/" + fs::path(file).filename().generic_string();
}

std::string why(const CaseResult& result) {
  if (result.verdict == Verdict::kError) return result.reason;
  const Finding* first = nullptr;
  int errors = 0;
  for (const Finding& f : result.findings) {
    if (f.severity != Severity::kError) continue;
    if (first == nullptr) first = &f;
    ++errors;
  }
  if (first == nullptr) return result.reason.empty() ? "failed" : result.reason;
  std::string text = fmt::format("{} {}", to_string(first->id), first->message);
  if (errors > 1) text += fmt::format(" (and {} more)", errors - 1);
  return text;
}

class GithubActionsReporter : public Reporter {
 public:
  GithubActionsReporter(std::ostream& out, GithubActionsOptions options, std::ostream* diagnostics)
      : out_(out),
        options_(std::move(options)),
        diagnostics_(diagnostics != nullptr ? *diagnostics : std::cerr) {}

  void on_case_end(const CaseResult& result) override {
    const std::string line = github_annotation(result, options_.workspace);
    if (!line.empty()) out_ << line << "\n" << std::flush;
  }

  void on_run_end(const RunResult& result) override {
    if (options_.step_summary.empty()) return;
    std::ofstream summary(options_.step_summary, std::ios::app | std::ios::binary);
    summary << render_markdown(result) << "\n";
    summary.flush();
    if (!summary) {
      diagnostics_ << "errcontract: the step summary was not written: " << options_.step_summary
                   << ": cannot append to it\n";
    }
  }

 private:
  std::ostream& out_;
  GithubActionsOptions options_;
  std::ostream& diagnostics_;
};

}  // namespace

std::string github_annotation(const CaseResult& result, const std::string& workspace) {
  const char* command = result.verdict == Verdict::kFailed  ? "error"
                        : result.verdict == Verdict::kError ? "warning"
                                                            : nullptr;
  if (command == nullptr) return "";
  std::string properties = "file=" + escape(file_for_annotation(result.file, workspace), true);
  if (result.line > 0) properties += fmt::format(",line={}", result.line);
  properties += ",title=" + escape(result.code + " " + result.case_id, true);
  return fmt::format("::{} {}::{}", command, properties, escape(why(result), false));
}

std::unique_ptr<Reporter> make_github_actions_reporter(std::ostream& out,
                                                       GithubActionsOptions options,
                                                       std::ostream* diagnostics) {
  return std::make_unique<GithubActionsReporter>(out, std::move(options), diagnostics);
}

}  // namespace errcontract
